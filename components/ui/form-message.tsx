import type { ActionResult } from '@/lib/actions/action-result';

/** The outcome of a form submission, announced to screen readers. */
export function FormMessage({ result, success }: { result: ActionResult<unknown> | null; success?: string }) {
  if (!result) return null;
  if (result.ok && !success && !result.message) return null;
  return (
    <p
      role={result.ok ? 'status' : 'alert'}
      className={
        result.ok
          ? 'rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800'
          : 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-700'
      }
    >
      {result.ok ? (result.message ?? success) : result.error}
    </p>
  );
}
