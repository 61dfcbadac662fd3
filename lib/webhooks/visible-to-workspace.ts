import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { jobs, tiktokAccounts, webhookEvents } from '@/lib/db/schema';

/*
 * Who sees which webhook events and jobs. Neither is owned by a workspace: TikTok sends one webhook
 * stream per app and names only an account id (`user_openid`), and a job may concern an account, a
 * workspace, or the installation itself. The rule, for a workspace W (whose owners and admins are
 * the only ones who see this at all):
 *
 * 1. A job enqueued for a workspace belongs to that workspace only.
 * 2. Anything about a TikTok account belongs to every workspace that has that account, connected or
 *    disconnected (history stays), and to no other: another tenant's account events never show.
 * 3. Anything about no account, or about an account that no workspace has (never connected, or
 *    removed), is app-wide and shown to the admins of every workspace. It names no tenant's data
 *    (if any workspace had the account, rule 2 would apply), and on a self-hosted install these
 *    admins are the operators who need to see, say, deliveries for an account nobody connected.
 *
 * Creator events (`tiktok` source) match creator accounts by open_id; Business Messaging events
 * match business accounts by business_id. Advertiser ids never receive webhooks.
 */

const accountKind = sql`(case ${webhookEvents.source} when 'tiktok' then 'creator' else 'business' end)::tiktok_account_kind`;

export function webhookEventVisibleTo(workspaceId: string): SQL {
  const owners = (scoped: boolean) => sql`exists (
    select 1 from ${tiktokAccounts}
    where ${tiktokAccounts.tiktokId} = ${webhookEvents.userOpenId}
      and ${tiktokAccounts.kind} = ${accountKind}
      ${scoped ? sql`and ${tiktokAccounts.workspaceId} = ${workspaceId}` : sql``}
  )`;
  return sql`(${owners(true)} or ${webhookEvents.userOpenId} is null or not ${owners(false)})`;
}

export function jobVisibleTo(workspaceId: string): SQL {
  const owners = (scoped: boolean) => sql`exists (
    select 1 from ${tiktokAccounts}
    where ${tiktokAccounts.tiktokId} = ${jobs.accountOpenId}
      and ${tiktokAccounts.kind} <> 'ads'
      ${scoped ? sql`and ${tiktokAccounts.workspaceId} = ${workspaceId}` : sql``}
  )`;
  return sql`(${jobs.workspaceId} = ${workspaceId} or (${jobs.workspaceId} is null and (
    ${owners(true)} or ${jobs.accountOpenId} is null or not ${owners(false)}
  )))`;
}
