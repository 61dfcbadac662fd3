'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
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
  const toggle = (id: string, checked: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <form action={action} className="space-y-4">
      <WorkspaceIdField />
      <input type="hidden" name="attemptId" value={attemptId} />
      <input type="hidden" name="advertiserIds" value={[...chosen].join(',')} />
      <fieldset className="space-y-2">
        <legend className="sr-only">Ad accounts</legend>
        {advertisers.map((advertiser) => {
          const id = `advertiser-${advertiser.advertiserId}`;
          return (
            <div
              key={advertiser.advertiserId}
              className="flex items-center gap-3 rounded-md border px-3 py-2.5 transition-colors has-data-[state=checked]:border-primary/40 has-data-[state=checked]:bg-brand-subtle/40"
            >
              <Checkbox
                id={id}
                checked={chosen.has(advertiser.advertiserId)}
                onCheckedChange={(checked) => toggle(advertiser.advertiserId, checked === true)}
              />
              <label htmlFor={id} className="min-w-0 flex-1 cursor-pointer">
                <span className="block text-sm font-medium text-foreground">{advertiser.name}</span>
                <span className="block text-xs wrap-anywhere text-muted-foreground">
                  {advertiser.advertiserId} · {advertiser.currency ?? '—'} · {advertiser.timeZone ?? '—'}
                </span>
              </label>
            </div>
          );
        })}
      </fieldset>
      <FormMessage result={result} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton disabled={chosen.size === 0} pendingText="Connecting…">
          Connect {chosen.size} {chosen.size === 1 ? 'ad account' : 'ad accounts'}
        </SubmitButton>
        <Button asChild variant="ghost">
          <Link href="/accounts">Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
