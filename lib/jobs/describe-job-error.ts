import { redactSecrets } from '@/lib/log/log-error';

const MAX_ERROR_LENGTH = 2000;

/** The error text stored on a job or event and shown to admins: secrets masked, bounded length. */
export function describeJobError(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
      : String(error);
  const redacted = redactSecrets(text || 'Unknown error');
  return redacted.length > MAX_ERROR_LENGTH ? `${redacted.slice(0, MAX_ERROR_LENGTH - 1)}…` : redacted;
}
