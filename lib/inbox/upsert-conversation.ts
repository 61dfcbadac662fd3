import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { inboxConversations, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type InboxAccount = { id: string; workspaceId: string };

/**
 * Every workspace's row for this business account: each connected workspace gets its own copy of
 * the DMs. Disconnected accounts receive nothing; one waiting for a reconnect still does.
 */
export async function findInboxAccounts(tx: Db, businessId: string): Promise<InboxAccount[]> {
  return tx
    .select({ id: tiktokAccounts.id, workspaceId: tiktokAccounts.workspaceId })
    .from(tiktokAccounts)
    .where(
      and(
        eq(tiktokAccounts.kind, 'business'),
        eq(tiktokAccounts.tiktokId, businessId),
        inArray(tiktokAccounts.status, ['active', 'needs_reconnect']),
      ),
    );
}

export type UpsertConversationInput = {
  account: InboxAccount;
  tiktokConversationId: string;
  customerId: string | null;
  customerName: string | null;
  /** TikTok time of the message that names the conversation: a new conversation starts there. */
  atMs: number;
};

/** The conversation row (created when new), locked for the rest of the transaction. */
export async function upsertConversation(tx: Db, input: UpsertConversationInput) {
  const [row] = await tx
    .insert(inboxConversations)
    .values({
      workspaceId: input.account.workspaceId,
      accountId: input.account.id,
      tiktokConversationId: input.tiktokConversationId,
      customerId: input.customerId,
      customerName: input.customerName,
      lastMessageAt: new Date(input.atMs),
    })
    .onConflictDoUpdate({
      target: [inboxConversations.accountId, inboxConversations.tiktokConversationId],
      set: {
        customerId: sql`coalesce(${inboxConversations.customerId}, excluded.customer_id)`,
        customerName: sql`coalesce(excluded.customer_name, ${inboxConversations.customerName})`,
      },
    })
    .returning({
      id: inboxConversations.id,
      workspaceId: inboxConversations.workspaceId,
      customerReadUpToMs: inboxConversations.customerReadUpToMs,
      created: sql<boolean>`(xmax = 0)`,
    });
  return row!;
}
