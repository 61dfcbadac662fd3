/**
 * JSON.stringify, except that digit strings under `keys` are written as bare JSON numbers.
 * TikTok types post ids as int64; 19 digits overflow a JS number, so we keep them as strings in
 * memory and only turn them into numbers on the wire (clients must parse them losslessly).
 */
export function stringifyWithInt64(value: unknown, keys: string[]): string {
  let text = JSON.stringify(value);
  for (const key of keys) {
    const field = new RegExp(`"${key}":("\\d+"|\\[(?:"\\d+",?)*\\])`, 'g');
    text = text.replace(field, (match) => match.replace(/"(\d+)"/g, '$1'));
  }
  return text;
}

/**
 * JSON.parse, except that integers too long for a double (16+ digits) arrive as strings, so a
 * client that sends a message id as a bare int64 is read exactly, as TikTok's Go servers would.
 * A small scanner rather than a dependency: it only has to tell string contents from numbers.
 */
export function parseJsonWithInt64(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch >= '0' && ch <= '9') {
      let end = i;
      while (end < text.length && /[0-9]/.test(text[end] as string)) end++;
      const digits = text.slice(i, end);
      const fraction = /[.eE]/.test(text[end] ?? '');
      if (digits.length < 16 || fraction) out += digits;
      else if (out.endsWith('-')) out = `${out.slice(0, -1)}"-${digits}"`;
      else out += `"${digits}"`;
      i = end - 1;
      continue;
    }
    out += ch;
  }
  return JSON.parse(out);
}
