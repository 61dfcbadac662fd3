import 'server-only';
import { eq } from 'drizzle-orm';
import { oauthStates, type PendingAdvertiser } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { exchangeAuthCode } from '@/lib/tiktok/marketing/exchange-auth-code';
import { getAdvertiserInfo } from '@/lib/tiktok/marketing/get-advertiser-info';
import { listAdvertisers } from '@/lib/tiktok/marketing/list-advertisers';
import * as clock from '@/lib/time/clock';
import { sealStateSecret } from './account-token-cipher';
import { ConnectError } from './connect-errors';
import type { ConsumedState } from './consume-oauth-state';

/** How long the user has to pick advertisers after TikTok sent them back. */
export const ADS_SELECTION_TTL_MS = 30 * 60 * 1000;

export type CompleteAdsConnectionOptions = { state: ConsumedState; authCode: string };

/**
 * Marketing callback: auth_code → long-term token → advertiser/get + advertiser/info. Nothing is
 * connected yet: the token is parked (encrypted) on the attempt until the user picks which
 * advertisers to keep (`keepAdvertisers`).
 */
export async function completeAdsConnection(db: Db, { state, authCode }: CompleteAdsConnectionOptions) {
  let accessToken: string;
  try {
    ({ accessToken } = await exchangeAuthCode(authCode));
  } catch (error) {
    throw new ConnectError('token_exchange_failed', { cause: error });
  }
  let advertisers: PendingAdvertiser[];
  try {
    // advertiser/get is the authoritative list (access changes over time); info adds currency and zone.
    const listed = await listAdvertisers(accessToken);
    const info = await getAdvertiserInfo({ accessToken, advertiserIds: listed.map((a) => a.advertiserId) });
    advertisers = listed.map((item) => {
      const details = info.find((candidate) => candidate.advertiserId === item.advertiserId);
      return {
        advertiserId: item.advertiserId,
        name: details?.name ?? item.name,
        currency: details?.currency ?? null,
        timeZone: details?.timeZone ?? null,
        status: details?.status ?? null,
      };
    });
  } catch (error) {
    throw new ConnectError('profile_failed', { cause: error });
  }
  if (advertisers.length === 0) throw new ConnectError('profile_failed');
  await db
    .update(oauthStates)
    .set({
      pendingAccessToken: sealStateSecret(state.id, 'pending_access_token', accessToken),
      pendingAdvertisers: advertisers,
      pendingExpiresAt: new Date(clock.nowMs() + ADS_SELECTION_TTL_MS),
    })
    .where(eq(oauthStates.id, state.id));
  return { attemptId: state.id, advertisers };
}
