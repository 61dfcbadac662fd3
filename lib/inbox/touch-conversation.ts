import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { inboxConversations, type MessageDirection } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** Moves the conversation's last-message time and preview forward (never back: deliveries reorder). */
export async function touchConversation(
  tx: Db,
  conversationId: string,
  atMs: number,
  preview: string,
  direction: MessageDirection,
) {
  const at = new Date(atMs).toISOString();
  const newer = sql`${at}::timestamptz >= ${inboxConversations.lastMessageAt}`;
  await tx
    .update(inboxConversations)
    .set({
      lastMessageAt: sql`greatest(${inboxConversations.lastMessageAt}, ${at}::timestamptz)`,
      lastMessagePreview: sql`case when ${newer} then ${preview} else ${inboxConversations.lastMessagePreview} end`,
      lastMessageDirection: sql`case when ${newer} then ${direction}::inbox_message_direction else ${inboxConversations.lastMessageDirection} end`,
    })
    .where(eq(inboxConversations.id, conversationId));
}
