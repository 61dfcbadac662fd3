import 'server-only';
import { adsCredentials, marketingGet } from './client';
import { advertiserListSchema } from './schema';

/** `oauth2/advertiser/get/`: the ad accounts this token reaches; app id and secret go in the query. */
export async function listAdvertisers(
  accessToken: string,
  signal?: AbortSignal,
): Promise<{ advertiserId: string; name: string }[]> {
  const { appId, secret } = adsCredentials();
  const data = await marketingGet(
    'oauth2/advertiser/get/',
    accessToken,
    { app_id: appId, secret },
    advertiserListSchema,
    signal,
  );
  return data.list.map((item) => ({ advertiserId: item.advertiser_id, name: item.advertiser_name }));
}
