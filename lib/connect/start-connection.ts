import 'server-only';
import { and, eq, lt } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { connectorFor } from '@/lib/connectors/connectors';
import { oauthStates, type TikTokAccountKind } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createPkcePair } from '@/lib/tiktok/login-kit/pkce';
import { nowMs } from '@/lib/time/clock';
import { connectRedirectUri } from './connect-urls';
import { createStateToken, hashStateToken, sealStateSecret } from './oauth-state-secrets';

export const STATE_TTL_MS = 10 * 60 * 1000;

export type StartConnectionOptions = {
  workspaceId: string;
  userId: string;
  kind: TikTokAccountKind;
};

/**
 * Begins connecting (or reconnecting) a TikTok account: records a single-use state for this user,
 * workspace and kind, and returns the TikTok consent URL to send the browser to. Owners and admins only.
 */
export async function startConnection(db: Db, { workspaceId, userId, kind }: StartConnectionOptions) {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const connector = connectorFor(kind);
  const state = createStateToken();
  const id = crypto.randomUUID();
  const pkce = connector.usesPkce ? createPkcePair() : null;
  const url = connector.authorizeUrl({
    redirectUri: connectRedirectUri(kind),
    state,
    codeChallenge: pkce?.challenge,
  });

  await db.transaction(async (tx) => {
    // Abandoned attempts of this user are useless after their expiry; keep the table small.
    await tx
      .delete(oauthStates)
      .where(
        and(eq(oauthStates.userId, userId), lt(oauthStates.expiresAt, new Date(nowMs() - STATE_TTL_MS))),
      );
    await tx.insert(oauthStates).values({
      id,
      stateHash: hashStateToken(state),
      userId,
      workspaceId,
      kind,
      codeVerifier: pkce ? sealStateSecret(id, 'code_verifier', pkce.verifier) : null,
      expiresAt: new Date(nowMs() + STATE_TTL_MS),
    });
  });
  return { url };
}
