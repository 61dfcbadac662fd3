/** Values that look like credentials are masked before anything reaches a log line. */
const SECRET_PATTERNS = [
  /\b(act|rft|bat|brt|ads)\.[A-Za-z0-9._!-]{6,}/g,
  /\b(access_token|refresh_token|client_secret|secret|password|auth_code|code)=([^&\s"]+)/gi,
  /Bearer\s+[A-Za-z0-9._~+/=-]+/gi,
];

export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce(
    (out, pattern) =>
      out.replace(pattern, (match, key: string) =>
        match.includes('=') ? `${key}=[redacted]` : '[redacted]',
      ),
    text,
  );
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
