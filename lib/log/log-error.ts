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
  const text =
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  console.error(`[tokdesk] ${context}: ${redactSecrets(text)}`);
}
