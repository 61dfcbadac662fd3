import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { jobs, tiktokAccounts } from '@/lib/db/schema';

/**
 * The jobs a workspace's owners and admins see (and may retry): those enqueued for the workspace,
 * and those about a TikTok account the workspace has (connected or not: history stays). Jobs about
 * no account, or an account no workspace has, are the installation's: only operators see them.
 */
export function jobVisibleTo(workspaceId: string): SQL {
  return sql`(${jobs.workspaceId} = ${workspaceId} or (${jobs.workspaceId} is null and exists (
    select 1 from ${tiktokAccounts}
    where ${tiktokAccounts.tiktokId} = ${jobs.accountOpenId}
      and ${tiktokAccounts.kind} <> 'ads'
      and ${tiktokAccounts.workspaceId} = ${workspaceId}
  )))`;
}
