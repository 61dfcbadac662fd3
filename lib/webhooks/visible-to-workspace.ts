import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { tiktokAccounts, webhookEvents } from '@/lib/db/schema';

/*
 * Which webhook events a workspace's owners and admins see. TikTok sends one stream per app and
 * names only an account id (`user_openid`), so an event belongs to every workspace that has that
 * account, connected or disconnected (history stays), and to no other. Events about no account, or
 * about an account no workspace has, belong to the installation: only operators see them.
 *
 * Creator events (`tiktok` source) match creator accounts by open_id; Business Messaging events
 * match business accounts by business_id. Advertiser ids never receive webhooks.
 */
const accountKind = sql`(case ${webhookEvents.source} when 'tiktok' then 'creator' else 'business' end)::tiktok_account_kind`;

export function webhookEventVisibleTo(workspaceId: string): SQL {
  return sql`exists (
    select 1 from ${tiktokAccounts}
    where ${tiktokAccounts.tiktokId} = ${webhookEvents.userOpenId}
      and ${tiktokAccounts.kind} = ${accountKind}
      and ${tiktokAccounts.workspaceId} = ${workspaceId}
  )`;
}
