export type MultipartFile = { filename: string; contentType: string; data: Buffer };
export type MultipartForm = { fields: Record<string, string>; files: Record<string, MultipartFile> };

function boundaryOf(contentType: string): string | null {
  if (!/^multipart\/form-data\b/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

function headerParam(headers: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`, 'i').exec(headers)?.[1];
}

/**
 * Minimal RFC 7578 parser over node Buffers. Returns null for anything malformed, including a
 * `multipart/form-data` content type without a boundary (the mistake behind Chatwoot's
 * "400 parsing error" in PR #13643).
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartForm | null {
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const form: MultipartForm = { fields: {}, files: {} };
  let position = body.indexOf(delimiter);
  if (position === -1) return null;
  while (true) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return form;
    const next = body.indexOf(delimiter, start);
    if (next === -1) return null;
    // Each part is CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) return null;
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = headerParam(headers, 'name');
    if (!name) return null;
    const filename = headerParam(headers, 'filename');
    if (filename === undefined) form.fields[name] = content.toString('utf8');
    else {
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
      form.files[name] = { filename, contentType: type.toLowerCase(), data: Buffer.from(content) };
    }
    position = next;
  }
}
