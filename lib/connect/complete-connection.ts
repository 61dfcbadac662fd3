import 'server-only';
import { eq } from 'drizzle-orm';
import type { ConnectorGrant, DiscoveredAccount } from '@/lib/connectors/connector';
import { connectorFor } from '@/lib/connectors/connectors';
import { oauthStates, type PendingAdvertiser, type TikTokAccountKind } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { nowMs } from '@/lib/time/clock';
import { ConnectError } from './connect-errors';
import { connectRedirectUri } from './connect-urls';
import type { ConsumedState } from './consume-oauth-state';
import { sealStateSecret } from './oauth-state-secrets';
import { saveTiktokAccount } from './save-tiktok-account';

/** How long the user has to pick accounts (advertisers) after TikTok sent them back. */
export const SELECTION_TTL_MS = 30 * 60 * 1000;

export type CompleteConnectionOptions = {
  kind: TikTokAccountKind;
  state: ConsumedState;
  code: string;
  ip?: string | null;
};

export type CompleteConnectionResult =
  | { outcome: 'connected'; accounts: { id: string; created: boolean }[] }
  | { outcome: 'pick'; attemptId: string };

/**
 * A callback after its state checked out: code → tokens → every required scope granted? → the
 * accounts the grant reaches, with profiles → saved, or (kinds where the user picks) parked on the
 * attempt with the token encrypted until `keepAdvertisers`.
 */
export async function completeConnection(
  db: Db,
  { kind, state, code, ip }: CompleteConnectionOptions,
): Promise<CompleteConnectionResult> {
  const connector = connectorFor(kind);
  let grant: ConnectorGrant;
  try {
    grant = await connector.exchangeCode({
      code,
      redirectUri: connectRedirectUri(kind),
      codeVerifier: state.codeVerifier,
    });
  } catch (error) {
    throw new ConnectError('token_exchange_failed', { cause: error });
  }
  // Every scope on TikTok's consent page can be unticked; the token answer's scopes are the truth.
  // Nothing is revoked on failure: the grant is per app and user, so revoking would also cut a
  // connection of the same account that is already working.
  const missingScopes = connector.requiredScopes.filter((scope) => !grant.scopes.includes(scope));
  if (missingScopes.length > 0) throw new ConnectError('ungranted_scopes', { missingScopes });

  let accounts: DiscoveredAccount[];
  try {
    accounts = await connector.discoverAccounts(grant);
  } catch (error) {
    throw new ConnectError('profile_failed', { cause: error });
  }
  if (accounts.length === 0) throw new ConnectError('profile_failed');

  if (connector.selection === 'pick') {
    await db
      .update(oauthStates)
      .set({
        pendingAccessToken: sealStateSecret(state.id, 'pending_access_token', grant.tokens.accessToken),
        pendingAdvertisers: accounts.map(toPendingAdvertiser),
        pendingExpiresAt: new Date(nowMs() + SELECTION_TTL_MS),
      })
      .where(eq(oauthStates.id, state.id));
    return { outcome: 'pick', attemptId: state.id };
  }
  const saved: { id: string; created: boolean }[] = [];
  for (const account of accounts) {
    saved.push(
      await saveTiktokAccount(db, {
        workspaceId: state.workspaceId,
        kind,
        tiktokId: account.tiktokId,
        profile: account.profile,
        scopes: grant.scopes,
        tokens: grant.tokens,
        actorUserId: state.userId,
        ip,
      }),
    );
  }
  return { outcome: 'connected', accounts: saved };
}

function toPendingAdvertiser({ tiktokId, profile }: DiscoveredAccount): PendingAdvertiser {
  return {
    advertiserId: tiktokId,
    name: profile.displayName ?? tiktokId,
    currency: profile.currency ?? null,
    timeZone: profile.timeZone ?? null,
    status: profile.advertiserStatus ?? null,
  };
}
