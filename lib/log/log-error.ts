const SECRET_KEYS =
  'access_token|refresh_token|client_secret|secret|password|password_hash|passwordHash|auth_code|code|token|session_token|sessionToken|csrfToken';

/**
 * Values that look like credentials or personal data are masked before anything reaches a log line.
 * Each rule names what it catches; the order matters only where one rule's output could feed another.
 */
const RULES: { pattern: RegExp; replace: string | ((...groups: string[]) => string) }[] = [
  // Drizzle puts every bound parameter of a failed query in its message: session tokens, password
  // hashes, e-mails. The SQL text says what failed; the values are never needed.
  { pattern: /^(\s*)(params|parameters):[^\n]*/gim, replace: '$1$2: [redacted]' },
  // Postgres constraint details echo the offending value: `Key (email)=(a@b.c) already exists.`
  { pattern: /Key \(([^)]*)\)=\((?:[^()]|\([^()]*\))*\)/g, replace: 'Key ($1)=([redacted])' },
  // Secrets as JSON members: `"access_token":"…"` in a logged response body.
  {
    pattern: new RegExp(`"(${SECRET_KEYS})"(\\s*):(\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'),
    replace: '"$1"$2:$3"[redacted]"',
  },
  // Secrets as form or query parameters: `access_token=…&`.
  { pattern: new RegExp(`\\b(${SECRET_KEYS})=([^&\\s"]+)`, 'gi'), replace: '$1=[redacted]' },
  // Header lines: `Access-Token: …` (Business and Marketing APIs), `Authorization: Bearer …`.
  {
    pattern: /\b(Access-Token|Authorization)(["']?\s*[:=]\s*["']?)(Bearer\s+)?[^\s"',}]+/gi,
    replace: '$1$2[redacted]',
  },
  { pattern: /Bearer\s+[A-Za-z0-9._~+/=-]+/gi, replace: 'Bearer [redacted]' },
  // TikTok tokens with their prefixes (Login Kit, Business).
  { pattern: /\b(act|rft|bat|brt|ads)\.[A-Za-z0-9._!-]{6,}/g, replace: '[redacted]' },
  // Marketing API tokens carry no prefix: 40 lower-case hex characters.
  { pattern: /\b[0-9a-f]{40}\b/g, replace: '[redacted]' },
  // Our own password hashes (`scrypt$N$r$p$salt$hash`).
  { pattern: /scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+/g, replace: '[redacted]' },
  // E-mail addresses: personal data, and a log is no place for it.
  { pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, replace: '[email]' },
];

export function redactSecrets(text: string): string {
  return RULES.reduce((out, { pattern, replace }) => out.replace(pattern, replace as string), text);
}

/** Logs an unexpected error with its stack, secrets masked. Expected (4xx) errors are not logged. */
export function logError(context: string, error: unknown): void {
  console.error(`[tokdesk] ${context}: ${redactSecrets(describeError(error))}`);
}

/** The error with its stack, then its `cause` chain: a 503 wrapper is useless without the database error under it. */
function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return String(error);
  const text = `${error.name}: ${error.message}\n${error.stack ?? ''}`;
  return error.cause !== undefined && depth < 3
    ? `${text}\nCaused by: ${describeError(error.cause, depth + 1)}`
    : text;
}
