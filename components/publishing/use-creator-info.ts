'use client';

import { useEffect, useState } from 'react';
import type { ComposerCreator } from '@/lib/publishing/get-composer-creator';

export type CreatorState = { creator: ComposerCreator | null; error: string | null };

/** creator_info for each selected account, fetched fresh whenever the composer shows the account. */
export function useCreatorInfo(
  accountIds: readonly string[],
  workspaceId: string,
): Record<string, CreatorState> {
  const [states, setStates] = useState<Record<string, CreatorState>>({});
  const key = accountIds.join(',');
  useEffect(() => {
    const controller = new AbortController();
    for (const accountId of key ? key.split(',') : []) {
      setStates((previous) => ({ ...previous, [accountId]: { creator: null, error: null } }));
      fetch(`/api/publishing/creator-info?accountId=${encodeURIComponent(accountId)}`, {
        headers: { 'x-workspace-id': workspaceId },
        signal: controller.signal,
        cache: 'no-store',
      })
        .then(async (response) => {
          const body = (await response.json().catch(() => ({}))) as {
            creator?: ComposerCreator;
            error?: { message?: string };
          };
          setStates((previous) => ({
            ...previous,
            [accountId]:
              response.ok && body.creator
                ? { creator: body.creator, error: null }
                : {
                    creator: null,
                    error: body.error?.message ?? 'TikTok could not be reached. Try again in a moment.',
                  },
          }));
        })
        .catch(() => {
          if (!controller.signal.aborted) {
            setStates((previous) => ({
              ...previous,
              [accountId]: { creator: null, error: 'TikTok could not be reached. Try again in a moment.' },
            }));
          }
        });
    }
    return () => controller.abort();
  }, [key, workspaceId]);
  return states;
}
