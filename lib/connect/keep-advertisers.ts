import 'server-only';
import { eq } from 'drizzle-orm';
import { oauthStates } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { getPendingAdvertisers } from './get-pending-advertisers';
import { openStateSecret } from './oauth-state-secrets';
import { saveTiktokAccount } from './save-tiktok-account';

export type KeepAdvertisersOptions = {
  attemptId: string;
  workspaceId: string;
  userId: string;
  advertiserIds: string[];
  ip?: string | null;
};

/**
 * Connects the advertisers the user ticked, one account row each, all sharing the attempt's token
 * (`grant_id` = attempt id, so a disconnect knows whether others still use it). Unticked ones are
 * not stored. The parked token is wiped from the attempt afterwards.
 */
export async function keepAdvertisers(db: Db, options: KeepAdvertisersOptions) {
  const { attemptId, workspaceId, userId } = options;
  const { advertisers } = await getPendingAdvertisers(db, { attemptId, workspaceId, userId });
  const chosen = advertisers.filter((advertiser) => options.advertiserIds.includes(advertiser.advertiserId));
  if (chosen.length === 0) {
    throw new AppError({ code: 'unprocessable_entity', message: 'Pick at least one ad account to connect.' });
  }
  const [row] = await db
    .select({ token: oauthStates.pendingAccessToken })
    .from(oauthStates)
    .where(eq(oauthStates.id, attemptId))
    .limit(1);
  if (!row?.token) throw new AppError({ code: 'not_found', message: 'This selection was already saved.' });
  const accessToken = openStateSecret(attemptId, 'pending_access_token', row.token);

  const ids: string[] = [];
  for (const advertiser of chosen) {
    const saved = await saveTiktokAccount(db, {
      workspaceId,
      kind: 'ads',
      tiktokId: advertiser.advertiserId,
      profile: {
        displayName: advertiser.name,
        currency: advertiser.currency,
        timeZone: advertiser.timeZone,
        advertiserStatus: advertiser.status,
      },
      scopes: [],
      // Marketing tokens are long-term: no expiry and no refresh token.
      tokens: { accessToken, refreshToken: null, accessTokenExpiresAt: null, refreshTokenExpiresAt: null },
      grantId: attemptId,
      actorUserId: userId,
      ip: options.ip,
    });
    ids.push(saved.id);
  }
  await db
    .update(oauthStates)
    .set({ pendingAccessToken: null, pendingAdvertisers: null, pendingExpiresAt: null })
    .where(eq(oauthStates.id, attemptId));
  return { accountIds: ids };
}
