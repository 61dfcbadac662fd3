import 'server-only';
import { marketingGet } from './client';
import { type Advertiser, advertiserInfoSchema } from './schema';

const FIELDS = ['advertiser_id', 'name', 'currency', 'timezone', 'display_timezone', 'status'];
/** TikTok accepts at most 100 ids per call (40011 beyond). */
const BATCH = 100;

export type GetAdvertiserInfoOptions = {
  accessToken: string;
  advertiserIds: readonly string[];
  /** A job's cancellation: ends a wait for rate-limit capacity and the request in flight. */
  signal?: AbortSignal;
};

/** `advertiser/info/`: name, currency and time zone of each ad account, in batches of 100. */
export async function getAdvertiserInfo({
  accessToken,
  advertiserIds,
  signal,
}: GetAdvertiserInfoOptions): Promise<Advertiser[]> {
  const result: Advertiser[] = [];
  for (let start = 0; start < advertiserIds.length; start += BATCH) {
    const ids = advertiserIds.slice(start, start + BATCH);
    const data = await marketingGet(
      'advertiser/info/',
      accessToken,
      { advertiser_ids: JSON.stringify(ids), fields: JSON.stringify(FIELDS) },
      advertiserInfoSchema,
      signal,
    );
    for (const item of data.list) {
      result.push({
        advertiserId: item.advertiser_id,
        name: item.name ?? item.advertiser_id,
        currency: item.currency ?? null,
        // `timezone` is POSIX-style `Etc/GMT-1` (sign inverted); the IANA display zone is what people read.
        timeZone: item.display_timezone ?? item.timezone ?? null,
        status: item.status ?? null,
      });
    }
  }
  return result;
}
