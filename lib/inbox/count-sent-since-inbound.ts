import 'server-only';
import { and, count, eq, gte, ne, or } from 'drizzle-orm';
import { inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/**
 * Business messages since the customer's latest message: ours and those typed in the TikTok app.
 * Failed sends do not count, except those whose outcome is unknown (they may have gone out).
 */
export async function countSentSinceInbound(tx: Db, conversationId: string, lastInboundAt: Date | null) {
  const [row] = await tx
    .select({ n: count() })
    .from(inboxMessages)
    .where(
      and(
        eq(inboxMessages.conversationId, conversationId),
        eq(inboxMessages.direction, 'outbound'),
        gte(inboxMessages.tiktokTimestampMs, lastInboundAt?.getTime() ?? 0),
        or(ne(inboxMessages.status, 'failed'), eq(inboxMessages.outcomeUnknown, true)),
      ),
    );
  return row?.n ?? 0;
}
