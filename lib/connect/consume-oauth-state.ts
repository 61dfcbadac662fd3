import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { oauthStates, type TikTokAccountKind } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { isAppError } from '@/lib/errors/app-error';
import { now, nowMs } from '@/lib/time/clock';
import { ConnectError } from './connect-errors';
import { hashStateToken, openStateSecret } from './oauth-state-secrets';

export type ConsumeOAuthStateOptions = {
  state: string;
  kind: TikTokAccountKind;
  /** The signed-in user at the callback; null when their session ended meanwhile. */
  userId: string | null;
};

export type ConsumedState = {
  id: string;
  workspaceId: string;
  userId: string;
  codeVerifier: string | null;
};

/**
 * Validates a callback's `state` and marks it used, exactly once: unknown, replayed, another
 * user's, another kind's → `invalid_state`; older than ten minutes → `session_expired`. The user
 * must still be an owner or admin of the workspace the attempt started in.
 */
export async function consumeOAuthState(
  db: Db,
  { state, kind, userId }: ConsumeOAuthStateOptions,
): Promise<ConsumedState> {
  if (!userId) throw new ConnectError('session_expired');
  const [row] = await db
    .select()
    .from(oauthStates)
    .where(eq(oauthStates.stateHash, hashStateToken(state)))
    .limit(1);
  // Another user's state is refused without being consumed, so it cannot be burnt by a third party.
  if (!row || row.userId !== userId || row.kind !== kind || row.usedAt)
    throw new ConnectError('invalid_state');
  if (row.expiresAt.getTime() <= nowMs()) throw new ConnectError('session_expired');

  // The conditional update is the real single-use guard: of two racing callbacks one wins.
  const claimed = await db
    .update(oauthStates)
    .set({ usedAt: now() })
    .where(and(eq(oauthStates.id, row.id), isNull(oauthStates.usedAt)))
    .returning({ id: oauthStates.id });
  if (claimed.length === 0) throw new ConnectError('invalid_state');

  try {
    await requireMembership(db, { workspaceId: row.workspaceId, userId, roles: ['owner', 'admin'] });
  } catch (error) {
    if (isAppError(error)) throw new ConnectError('invalid_state', { cause: error });
    throw error;
  }
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    userId,
    codeVerifier: row.codeVerifier ? openStateSecret(row.id, 'code_verifier', row.codeVerifier) : null,
  };
}
