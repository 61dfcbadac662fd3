'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { keepAdvertisersAction } from '../../../_actions/keep-advertisers-action';

type Advertiser = { advertiserId: string; name: string; currency: string | null; timeZone: string | null };

export function AdvertiserPicker({
  attemptId,
  advertisers,
}: {
  attemptId: string;
  advertisers: Advertiser[];
}) {
  const [result, action] = useActionState(keepAdvertisersAction, null);
  const [chosen, setChosen] = useState(() => new Set(advertisers.map((a) => a.advertiserId)));
  const toggle = (id: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <form action={action} className="space-y-4">
      <WorkspaceIdField />
      <input type="hidden" name="attemptId" value={attemptId} />
      <input type="hidden" name="advertiserIds" value={[...chosen].join(',')} />
      <fieldset className="space-y-2">
        <legend className="sr-only">Ad accounts</legend>
        {advertisers.map((advertiser) => (
          <label
            key={advertiser.advertiserId}
            className="flex items-center gap-3 rounded-md border border-slate-200 px-3 py-2"
          >
            <input
              type="checkbox"
              checked={chosen.has(advertiser.advertiserId)}
              onChange={() => toggle(advertiser.advertiserId)}
            />
            <span className="flex-1">
              <span className="block text-sm font-medium text-slate-900">{advertiser.name}</span>
              <span className="block text-xs text-slate-500">
                {advertiser.advertiserId} · {advertiser.currency ?? '—'} · {advertiser.timeZone ?? '—'}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormMessage result={result} />
      <div className="flex gap-2">
        <SubmitButton disabled={chosen.size === 0} pendingText="Connecting…">
          Connect {chosen.size} {chosen.size === 1 ? 'ad account' : 'ad accounts'}
        </SubmitButton>
        <Link href="/accounts" className={buttonClasses('ghost')}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
