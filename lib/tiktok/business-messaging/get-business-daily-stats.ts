import 'server-only';
import { z } from 'zod';
import { businessGet } from './client';

export const BUSINESS_DAILY_FIELDS = [
  'daily_total_followers',
  'daily_new_followers',
  'daily_lost_followers',
  'video_views',
  'profile_views',
  'likes',
  'comments',
  'shares',
] as const;

const dailySchema = z.object({
  metrics: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).default([]),
});

export type BusinessDay = { date: string } & Record<(typeof BUSINESS_DAILY_FIELDS)[number], number | null>;

/**
 * `GET business/get/` with the daily insight fields (scope `user.insights`): one row per UTC day of
 * `[startDate, endDate]`. TikTok keeps 60 days; older dates are refused.
 */
export async function getBusinessDailyStats({
  accessToken,
  businessId,
  startDate,
  endDate,
}: {
  accessToken: string;
  businessId: string;
  startDate: string;
  endDate: string;
}): Promise<BusinessDay[]> {
  const data = await businessGet(
    'business/get/',
    accessToken,
    {
      business_id: businessId,
      fields: JSON.stringify(BUSINESS_DAILY_FIELDS),
      start_date: startDate,
      end_date: endDate,
    },
    dailySchema,
  );
  return data.metrics.flatMap((row) => {
    const date = String(row.date ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
    const number = (name: string) => {
      const value = row[name];
      return value === null || value === undefined || value === '' ? null : Number(value);
    };
    return [
      {
        date,
        ...Object.fromEntries(BUSINESS_DAILY_FIELDS.map((field) => [field, number(field)])),
      } as BusinessDay,
    ];
  });
}
