import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { type TikTokAccountKind, type TikTokAccountStatus, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { describeStatusReason } from './account-status-reasons';

/** What the dashboard may see of an account: no token column is ever selected. */
export type TikTokAccountView = {
  id: string;
  kind: TikTokAccountKind;
  tiktokId: string;
  displayName: string | null;
  username: string | null;
  avatarUrl: string | null;
  profileUrl: string | null;
  isVerified: boolean | null;
  followerCount: number | null;
  likesCount: number | null;
  videoCount: number | null;
  currency: string | null;
  timeZone: string | null;
  status: TikTokAccountStatus;
  statusReason: string | null;
  statusExplanation: string | null;
  scopes: string[];
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  lastSyncedAt: Date | null;
  connectedAt: Date;
};

export type ListTiktokAccountsOptions = { workspaceId: string; userId: string };

/** Every account of the workspace, for any member (agents see them read-only). */
export async function listTiktokAccounts(
  db: Db,
  { workspaceId, userId }: ListTiktokAccountsOptions,
): Promise<TikTokAccountView[]> {
  await requireMembership(db, { workspaceId, userId });
  const rows = await db
    .select({
      id: tiktokAccounts.id,
      kind: tiktokAccounts.kind,
      tiktokId: tiktokAccounts.tiktokId,
      displayName: tiktokAccounts.displayName,
      username: tiktokAccounts.username,
      avatarUrl: tiktokAccounts.avatarUrl,
      profileUrl: tiktokAccounts.profileUrl,
      isVerified: tiktokAccounts.isVerified,
      followerCount: tiktokAccounts.followerCount,
      likesCount: tiktokAccounts.likesCount,
      videoCount: tiktokAccounts.videoCount,
      currency: tiktokAccounts.currency,
      timeZone: tiktokAccounts.timeZone,
      status: tiktokAccounts.status,
      statusReason: tiktokAccounts.statusReason,
      scopes: tiktokAccounts.scopes,
      accessTokenExpiresAt: tiktokAccounts.accessTokenExpiresAt,
      refreshTokenExpiresAt: tiktokAccounts.refreshTokenExpiresAt,
      lastSyncedAt: tiktokAccounts.lastSyncedAt,
      connectedAt: tiktokAccounts.connectedAt,
    })
    .from(tiktokAccounts)
    .where(eq(tiktokAccounts.workspaceId, workspaceId))
    .orderBy(asc(tiktokAccounts.kind), asc(tiktokAccounts.displayName), asc(tiktokAccounts.createdAt));
  return rows.map((row) => ({ ...row, statusExplanation: describeStatusReason(row.statusReason) }));
}
