import { daysSince, followerCount, growthOn } from '../core/account-growth';
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

/** Total likes of a business account now: its own growth curve (the sandbox gives it no videos). */
function totalLikes(user: SandboxUser, atMs: number) {
  return growthOn(`${user.id}:likes`, user.stats.likes, daysSince(user.createdAtMs, atMs));
}

export function profileValue(user: SandboxUser, field: string, nowMs: number): unknown {
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
      return followerCount(user, nowMs);
    case 'following_count':
      return user.stats.following;
    case 'total_likes':
      return totalLikes(user, nowMs);
    default:
      return user.stats.videos;
  }
}

/**
 * One row per UTC day, seeded by account and date so repeated calls agree. Follower and like rows
 * are the day-over-day differences of the totals (measured at the end of each day), so a year of
 * daily rows adds up to the change in followers_count and total_likes.
 */
export function dailyRows(user: SandboxUser, fields: string[], startMs: number, endMs: number) {
  const rows: Record<string, string | number>[] = [];
  for (let day = startMs; day <= endMs; day += DAY_MS) {
    const date = isoDate(day);
    const endOfDay = day + DAY_MS - 1;
    const followers = followerCount(user, endOfDay);
    const gained = followers - followerCount(user, endOfDay - DAY_MS);
    const lost = seededInt(0, 2 + Math.floor(gained / 10), user.openId, date, 'lost');
    const views = seededInt(500, 5000, user.openId, date, 'video_views');
    const values: Record<string, number> = {
      daily_total_followers: followers,
      daily_new_followers: gained + lost,
      daily_lost_followers: lost,
      likes: totalLikes(user, endOfDay) - totalLikes(user, endOfDay - DAY_MS),
      video_views: views,
      unique_video_views: Math.floor(
        views * (0.6 + 0.3 * (seededInt(0, 100, user.openId, date, 'uv') / 100)),
      ),
    };
    const row: Record<string, string | number> = { date };
    for (const field of fields) {
      row[field] =
        values[field] ??
        seededInt(
          0,
          field.endsWith('clicks') || field === 'lead_submissions' ? 40 : 800,
          user.openId,
          date,
          field,
        );
    }
    rows.push(row);
  }
  return rows;
}
