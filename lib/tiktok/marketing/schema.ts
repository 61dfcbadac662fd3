import { z } from 'zod';

export const adsTokenSchema = z.object({
  access_token: z.string().min(1),
  // Strings: some advertiser ids exceed 2^53.
  advertiser_ids: z.array(z.string()).default([]),
  scope: z.array(z.number()).default([]),
});

export const advertiserListSchema = z.object({
  list: z.array(z.object({ advertiser_id: z.string(), advertiser_name: z.string().default('') })).default([]),
});

export const advertiserInfoSchema = z.object({
  list: z
    .array(
      z.object({
        advertiser_id: z.string(),
        name: z.string().optional(),
        currency: z.string().optional(),
        timezone: z.string().optional(),
        display_timezone: z.string().optional(),
        status: z.string().optional(),
        company: z.string().optional(),
        country: z.string().optional(),
      }),
    )
    .default([]),
});

export type Advertiser = {
  advertiserId: string;
  name: string;
  currency: string | null;
  /** IANA zone (`display_timezone`); report date windows are in this zone. */
  timeZone: string | null;
  status: string | null;
};
