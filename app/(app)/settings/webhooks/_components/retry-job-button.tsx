'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { retryJobAction } from '../../_actions/retry-job-action';

/** Retry for one job; the operator view passes its own action (any job, installation-wide ones too). */
export function RetryJobButton({
  jobId,
  label,
  action = retryJobAction,
}: {
  jobId: string;
  label: string;
  action?: typeof retryJobAction;
}) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <WorkspaceIdField />
      <input type="hidden" name="jobId" value={jobId} />
      <SubmitButton variant="secondary" size="sm" pendingText="Queuing…" aria-label={`Retry ${label}`}>
        Retry
      </SubmitButton>
      {result?.ok ? (
        <p role="status" className="text-xs text-success-text">
          Started.
        </p>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="max-w-48 text-right text-xs text-destructive-text">
          {result.error}
        </p>
      ) : null}
    </form>
  );
}
