import 'server-only';
import { and, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { type Role, type TikTokAccount, type TikTokAccountKind, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';

export type GetAccountOrThrowOptions = {
  workspaceId: string;
  accountId: string;
  /** Refuse other kinds (the inbox needs a business account). */
  kinds?: readonly TikTokAccountKind[];
} & (
  | {
      /** Checks this user's membership (and role) first. */
      userId: string;
      roles?: readonly Role[];
    }
  /** System callers (jobs, webhooks) act for the workspace, not for a user. */
  | { userId?: undefined; roles?: undefined }
);

const columns = {
  id: tiktokAccounts.id,
  workspaceId: tiktokAccounts.workspaceId,
  kind: tiktokAccounts.kind,
  tiktokId: tiktokAccounts.tiktokId,
  grantId: tiktokAccounts.grantId,
  status: tiktokAccounts.status,
  scopes: tiktokAccounts.scopes,
  username: tiktokAccounts.username,
  displayName: tiktokAccounts.displayName,
  timeZone: tiktokAccounts.timeZone,
};

/** An account as use cases see it: identity and state, never a token column. */
export type WorkspaceAccount = Pick<TikTokAccount, keyof typeof columns>;

const KIND_NAMES: Record<TikTokAccountKind, string> = {
  creator: 'a creator account',
  business: 'a business account',
  ads: 'an ad account',
};

/**
 * The account with this id *in this workspace*, or a 404: another workspace's id reads exactly like
 * an unknown one. With `userId`, the user's membership and role are checked first.
 */
export async function getAccountOrThrow(
  db: Db,
  options: GetAccountOrThrowOptions,
): Promise<WorkspaceAccount> {
  const { workspaceId, accountId, kinds } = options;
  if (options.userId !== undefined) {
    await requireMembership(db, { workspaceId, userId: options.userId, roles: options.roles });
  }
  const [row] = await db
    .select(columns)
    .from(tiktokAccounts)
    .where(and(eq(tiktokAccounts.id, accountId), eq(tiktokAccounts.workspaceId, workspaceId)))
    .limit(1);
  if (!row)
    throw new AppError({ code: 'not_found', message: 'This account does not exist in this workspace.' });
  if (kinds && !kinds.includes(row.kind)) {
    throw new AppError({
      code: 'unprocessable_entity',
      message: `This needs ${kinds.map((kind) => KIND_NAMES[kind]).join(' or ')}.`,
    });
  }
  return row;
}
