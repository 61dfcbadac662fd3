import 'server-only';
import { and, eq, lt } from 'drizzle-orm';
import { oauthStates, type TikTokAccountKind } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { businessCredentials } from '@/lib/tiktok/business-messaging/client';
import { BUSINESS_SCOPES } from '@/lib/tiktok/business-messaging/scopes';
import { buildAuthorizeUrl } from '@/lib/tiktok/login-kit/build-authorize-url';
import { loginKitCredentials } from '@/lib/tiktok/login-kit/client';
import { createPkcePair } from '@/lib/tiktok/login-kit/pkce';
import { CREATOR_SCOPES } from '@/lib/tiktok/login-kit/scopes';
import { buildPortalUrl } from '@/lib/tiktok/marketing/build-portal-url';
import * as clock from '@/lib/time/clock';
import { requireMembership } from '@/lib/workspaces/require-membership';
import { sealStateSecret } from './account-token-cipher';
import { connectRedirectUri } from './connect-urls';
import { createStateToken, hashStateToken } from './oauth-state-token';

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
  const state = createStateToken();
  const id = crypto.randomUUID();
  const redirectUri = connectRedirectUri(kind);
  const pkce = kind === 'creator' ? createPkcePair() : null;

  let url: string;
  if (kind === 'creator') {
    url = buildAuthorizeUrl({
      clientKey: loginKitCredentials().clientKey,
      scopes: CREATOR_SCOPES,
      redirectUri,
      state,
      codeChallenge: pkce?.challenge,
    });
  } else if (kind === 'business') {
    // Same consent page as Login Kit, with the Business app id as `client_key`; no PKCE.
    url = buildAuthorizeUrl({
      clientKey: businessCredentials().appId,
      scopes: BUSINESS_SCOPES,
      redirectUri,
      state,
    });
  } else {
    url = buildPortalUrl({ redirectUri, state });
  }

  await db.transaction(async (tx) => {
    // Abandoned attempts of this user are useless after their expiry; keep the table small.
    await tx
      .delete(oauthStates)
      .where(
        and(
          eq(oauthStates.userId, userId),
          lt(oauthStates.expiresAt, new Date(clock.nowMs() - STATE_TTL_MS)),
        ),
      );
    await tx.insert(oauthStates).values({
      id,
      stateHash: hashStateToken(state),
      userId,
      workspaceId,
      kind,
      codeVerifier: pkce ? sealStateSecret(id, 'code_verifier', pkce.verifier) : null,
      expiresAt: new Date(clock.nowMs() + STATE_TTL_MS),
    });
  });
  return { url };
}
