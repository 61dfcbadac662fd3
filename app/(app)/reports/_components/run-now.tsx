'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { useLiveEvent } from '@/components/live/live-feed-provider';
import { FormMessage } from '@/components/ui/form-message';
import { Progress } from '@/components/ui/progress';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { runReportsNowAction } from '../_actions/run-reports-now-action';

type RunState = { runId: string; done: number; total: number; status: string } | null;

/**
 * "Run now" and the live progress of the current run: each account's job publishes
 * `report.progress` as it starts and ends, and the page re-renders when the run is over.
 */
export function RunNow({ initial, since }: { initial: RunState; since: string }) {
  const router = useRouter();
  const [result, formAction] = useActionState(runReportsNowAction, null);
  const [run, setRun] = useState<RunState>(initial);
  useLiveEvent(
    ['report.progress'],
    (event) => {
      if (!event) return router.refresh();
      const { runId, done, total, status, accountId } = event.data;
      setRun({ runId, done, total, status: accountId ? 'running' : status });
      if (!accountId || done === total) router.refresh();
    },
    since,
  );
  const active = run?.status === 'running';
  const percent = run && run.total > 0 ? Math.round((run.done / run.total) * 100) : 0;
  return (
    <div className="flex w-full flex-col gap-2 sm:w-72">
      <form action={formAction} className="flex items-center gap-2">
        <WorkspaceIdField />
        <SubmitButton pendingText="Starting…" disabled={active} className="w-full sm:w-auto">
          {active ? 'Collecting…' : 'Run now'}
        </SubmitButton>
      </form>
      <FormMessage result={result} />
      {active && run ? (
        <div role="status" aria-live="polite" className="space-y-1 text-sm text-muted-foreground">
          <Progress value={percent} aria-label="Report run progress" />
          <p data-testid="run-progress">
            {run.done} of {run.total} accounts collected
          </p>
        </div>
      ) : null}
    </div>
  );
}
