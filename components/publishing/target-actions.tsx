'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useRenderedWorkspaceId } from '@/components/workspace/workspace-id-field';
import { userMayRetry } from '@/lib/publishing/fail-reasons';

/** Retry for a failed (or unconfirmed) account, when retrying can help. */
export function TargetActions({
  targetId,
  stage,
  failReason,
  cancellable = false,
}: {
  targetId: string;
  stage: string;
  failReason: string | null;
  /** TikTok is still downloading (PULL_FROM_URL): it can be stopped. */
  cancellable?: boolean;
}) {
  const workspaceId = useRenderedWorkspaceId();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retryable = stage === 'unconfirmed' || (stage === 'failed' && userMayRetry(failReason));
  if (!retryable && !cancellable) return null;
  const action = retryable ? 'retry' : 'cancel';
  return (
    <>
      <Button
        type="button"
        size="sm"
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const response = await fetch(`/api/publishing/targets/${encodeURIComponent(targetId)}/${action}`, {
            method: 'POST',
            headers: { 'x-workspace-id': workspaceId },
          }).catch(() => null);
          if (!response?.ok) {
            const body = (await response?.json().catch(() => null)) as {
              error?: { message?: string };
            } | null;
            setError(body?.error?.message ?? 'That did not work. Try again.');
          }
          setBusy(false);
          router.refresh();
        }}
      >
        {retryable ? 'Retry' : 'Cancel download'}
      </Button>
      {error ? (
        <span role="alert" className="text-destructive-text">
          {error}
        </span>
      ) : null}
    </>
  );
}
