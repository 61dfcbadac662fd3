import { DAY_MS, isoDate, seededInt } from '../core/seeded-number';
import type { SandboxUser } from '../core/users';

/** business/get fields and the scope each needs (marketing reference A8: "each field needs a matching scope"). */
export const PROFILE_FIELD_SCOPES: Record<string, string> = {
  username: 'user.info.username',
  display_name: 'user.info.basic',
  profile_image: 'user.info.basic',
  bio_description: 'user.info.profile',
  is_verified: 'user.info.profile',
  is_business_account: 'user.account.type',
  followers_count: 'user.info.stats',
  following_count: 'user.info.stats',
  total_likes: 'user.info.stats',
  videos_count: 'user.info.stats',
};

/** Daily-series fields, returned per day under `metrics`. */
export const DAILY_FIELDS = [
  'video_views',
  'unique_video_views',
  'profile_views',
  'likes',
  'comments',
  'shares',
  'daily_total_followers',
  'daily_new_followers',
  'daily_lost_followers',
  'engaged_audience',
  'bio_link_clicks',
  'email_clicks',
  'phone_number_clicks',
  'lead_submissions',
] as const;

export const DAILY_SCOPE = 'user.insights';

export function profileValue(user: SandboxUser, field: string): unknown {
  switch (field) {
    case 'username':
      return user.username;
    case 'display_name':
      return user.displayName;
    case 'profile_image':
      return user.avatarUrl;
    case 'bio_description':
      return user.bio;
    case 'is_verified':
      return user.isVerified;
    case 'is_business_account':
      return user.kind === 'business';
    case 'followers_count':
      return user.stats.followers;
    case 'following_count':
      return user.stats.following;
    case 'total_likes':
      return user.stats.likes;
    default:
      return user.stats.videos;
  }
}

/** One row per UTC day, seeded by account and date so repeated calls agree. */
export function dailyRows(user: SandboxUser, fields: string[], startMs: number, endMs: number) {
  const rows: Record<string, string | number>[] = [];
  for (let day = startMs; day <= endMs; day += DAY_MS) {
    const date = isoDate(day);
    const row: Record<string, string | number> = { date };
    for (const field of fields) {
      row[field] =
        field === 'daily_total_followers'
          ? user.stats.followers + seededInt(-20, 20, user.openId, date, field)
          : seededInt(
              0,
              field.endsWith('clicks') || field === 'lead_submissions' ? 40 : 5000,
              user.openId,
              date,
              field,
            );
    }
    rows.push(row);
  }
  return rows;
}
