import 'server-only';
import { z } from 'zod';
import { describeStatusReason, reasonFromTikTokRemoval } from '@/lib/accounts/account-status-reasons';
import { markAccountDisconnected } from '@/lib/accounts/mark-account-disconnected';
import type { WebhookEventHandler } from './webhook-event-handler';

const contentSchema = z.object({ reason: z.coerce.number().int() }).catch({ reason: 0 });

/**
 * `authorization.removed`: the user (or TikTok) revoked our access, and the token is already dead.
 * Every workspace that connected this open_id sees the account disconnected, with the reason.
 */
export const handleAuthorizationRemoved: WebhookEventHandler = async (tx, event) => {
  if (!event.userOpenId) return { status: 'ignored', note: 'The event names no account (no user_openid).' };
  const { reason } = contentSchema.parse(event.content ?? {});
  const { accounts } = await markAccountDisconnected(tx, {
    openId: event.userOpenId,
    kind: event.source === 'tiktok-business' ? 'business' : 'creator',
    reason,
  });
  const why = describeStatusReason(reasonFromTikTokRemoval(reason));
  if (accounts.length === 0) {
    return {
      status: 'processed',
      note: `No connected account to disconnect (already disconnected or unknown). ${why}`,
    };
  }
  const where = accounts.length === 1 ? 'one workspace' : `${accounts.length} workspaces`;
  return { status: 'processed', note: `Account disconnected in ${where}. ${why}` };
};
