import type { ActionResult } from '@/lib/actions/action-result';
import { Alert, AlertDescription } from './alert';

/** The outcome of a form submission, announced to screen readers: an alert on failure, a status on success. */
export function FormMessage({ result, success }: { result: ActionResult<unknown> | null; success?: string }) {
  if (!result) return null;
  if (result.ok && !success && !result.message) return null;
  return (
    <Alert variant={result.ok ? 'success' : 'danger'} role={result.ok ? 'status' : 'alert'}>
      <AlertDescription>{result.ok ? (result.message ?? success) : result.error}</AlertDescription>
    </Alert>
  );
}
