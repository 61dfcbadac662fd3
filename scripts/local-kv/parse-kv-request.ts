export type KvRequest =
  | { kind: 'single'; command: string[] }
  | { kind: 'pipeline' | 'multi-exec'; commands: string[][] };

export type ParsedKvRequest = { ok: true; request: KvRequest } | { ok: false; error: string };

type RawRequest = { method: string; url: URL; body: string };

function fail(error: string): ParsedKvRequest {
  return { ok: false, error };
}

/** Upstash accepts JSON scalars as arguments; Redis only knows strings. */
function toCommand(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const command: string[] = [];
  for (const arg of value) {
    if (typeof arg === 'string') command.push(arg);
    else if (typeof arg === 'number' || typeof arg === 'boolean') command.push(String(arg));
    else if (arg === null) command.push('');
    else return null;
  }
  return command;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** `/set/key/value?EX=60`: path segments are the command, query pairs trail it, a POST body is the last argument. */
function fromPath({ method, url, body }: RawRequest): ParsedKvRequest {
  const command = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
  for (const [name, value] of url.searchParams) {
    if (name === '_token') continue;
    command.push(name);
    if (value !== '') command.push(value);
  }
  if (method === 'POST' && body !== '') command.push(body);
  if (command.length === 0) return fail('ERR empty command');
  return { ok: true, request: { kind: 'single', command } };
}

export function parseKvRequest(raw: RawRequest): ParsedKvRequest {
  const { method, url, body } = raw;
  if (method !== 'GET' && method !== 'POST') return fail('ERR method not allowed');
  const path = url.pathname.replace(/\/+$/, '');

  if (path === '/pipeline' || path === '/multi-exec') {
    const value = parseJson(body);
    if (method !== 'POST' || !Array.isArray(value) || value.length === 0) {
      return fail('ERR expected a non-empty JSON array of commands');
    }
    const commands = value.map(toCommand);
    if (commands.some((command) => command === null)) return fail('ERR invalid command in batch');
    const kind = path === '/pipeline' ? 'pipeline' : 'multi-exec';
    return { ok: true, request: { kind, commands: commands as string[][] } };
  }

  if (path === '' && method === 'POST') {
    const command = toCommand(parseJson(body));
    if (!command) return fail('ERR expected the command as a non-empty JSON array of strings');
    return { ok: true, request: { kind: 'single', command } };
  }

  try {
    return fromPath(raw);
  } catch {
    return fail('ERR malformed path');
  }
}
