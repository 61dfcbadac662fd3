import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/rows-of';
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
    .where(inboxAccountOf(businessId));
}

const inboxAccountOf = (businessId: string) =>
  and(
    eq(tiktokAccounts.kind, 'business'),
    eq(tiktokAccounts.tiktokId, businessId),
    inArray(tiktokAccounts.status, ['active', 'needs_reconnect']),
  );

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

export type BusinessConversation = InboxAccount & { conversationId: string; created: boolean };

/**
 * `upsertConversation` for every inbox account of a business at once, in one statement (the DM
 * hot path): one row per connected workspace, each conversation created when new and locked.
 */
export async function upsertBusinessConversations(
  tx: Db,
  businessId: string,
  input: Omit<UpsertConversationInput, 'account'>,
): Promise<BusinessConversation[]> {
  const accounts = tx
    .select({ id: tiktokAccounts.id, workspaceId: tiktokAccounts.workspaceId })
    .from(tiktokAccounts)
    .where(inboxAccountOf(businessId));
  const result = await tx.execute(sql`
    insert into ${inboxConversations} (id, workspace_id, account_id, tiktok_conversation_id, customer_id,
                                       customer_name, last_message_at)
    select gen_random_uuid()::text, account.workspace_id, account.id, ${input.tiktokConversationId}, ${input.customerId},
           ${input.customerName}, ${new Date(input.atMs).toISOString()}::timestamptz
    from (${accounts}) as account
    on conflict (account_id, tiktok_conversation_id) do update set
      customer_id = coalesce(${inboxConversations.customerId}, excluded.customer_id),
      customer_name = coalesce(excluded.customer_name, ${inboxConversations.customerName})
    returning id, workspace_id, account_id, (xmax = 0) as created`);
  return rowsOf<{ id: string; workspace_id: string; account_id: string; created: boolean }>(result).map(
    (row) => ({
      id: row.account_id,
      workspaceId: row.workspace_id,
      conversationId: row.id,
      created: row.created,
    }),
  );
}
