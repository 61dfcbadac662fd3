import 'server-only';
import { eq } from 'drizzle-orm';
import { inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { markSendFailed } from './mark-send-failed';

export const UNCONFIRMED_REASON =
  'TikTok did not answer and has not confirmed this message. To avoid a duplicate it was not sent again: check the conversation in the TikTok app before you retry.';

/**
 * The `inbox.confirm-send` job, some time after a send got no answer: the echo reconciled it
 * (nothing to do) or it is failed with a reason. It stays claimable by a late echo.
 */
export async function confirmSend(db: Db, messageId: string) {
  const [message] = await db.select().from(inboxMessages).where(eq(inboxMessages.id, messageId));
  if (message?.status !== 'sending' || message.tiktokMessageId) return { status: message?.status ?? 'gone' };
  await markSendFailed(db, messageId, UNCONFIRMED_REASON, { outcomeUnknown: true });
  return { status: 'failed' };
}
