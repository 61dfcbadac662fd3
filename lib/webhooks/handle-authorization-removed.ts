import 'server-only';
import { z } from 'zod';
import { describeStatusReason, reasonFromTikTokRemoval } from '@/lib/accounts/account-status-reasons';
import { markAccountDisconnected } from '@/lib/accounts/mark-account-disconnected';
import type { WebhookEventHandler } from './webhook-event-handler';

const contentSchema = z.object({ reason: z.coerce.number().int() }).catch({ reason: 0 });

/**
 * `authorization.removed`: the user (or TikTok) revoked our access, and the token is already dead.
 * Every workspace that connected this open_id sees the account disconnected, with the reason,
 * unless it was reconnected after TikTok issued the event: deliveries are retried for days, so a
 * removal of the previous grant may arrive after the new one exists, and must not wipe it.
 */
export const handleAuthorizationRemoved: WebhookEventHandler = async (tx, event) => {
  if (!event.userOpenId) return { status: 'ignored', note: 'The event names no account (no user_openid).' };
  const { reason } = contentSchema.parse(event.content ?? {});
  const { accounts, stale } = await markAccountDisconnected(tx, {
    openId: event.userOpenId,
    kind: event.source === 'tiktok-business' ? 'business' : 'creator',
    reason,
    // `create_time` is whole seconds, so the event may be up to 999 ms younger than it says; only a
    // grant from after that second is certainly newer. An event without one is always applied.
    issuedBy: event.occurredAt ? new Date(event.occurredAt.getTime() + 1000) : null,
  });
  const why = describeStatusReason(reasonFromTikTokRemoval(reason));
  const kept =
    stale.length === 0
      ? ''
      : ` Left ${workspaces(stale.length)} alone: reconnected after TikTok issued this event.`;
  if (accounts.length === 0) {
    return {
      status: 'processed',
      note: `No connected account to disconnect (already disconnected or unknown).${kept} ${why}`,
    };
  }
  return {
    status: 'processed',
    note: `Account disconnected in ${workspaces(accounts.length)}.${kept} ${why}`,
  };
};

function workspaces(count: number): string {
  return count === 1 ? 'one workspace' : `${count} workspaces`;
}
