import 'server-only';
import { businessGet } from './client';
import { type BusinessAccount, businessAccountSchema } from './schema';

const FIELDS = [
  'username',
  'display_name',
  'profile_image',
  'is_verified',
  'followers_count',
  'following_count',
  'total_likes',
  'videos_count',
];

export type GetBusinessAccountOptions = { accessToken: string; businessId: string };

/** `GET business/get/`: profile and totals. `fields` is a JSON array rendered as a string. */
export async function getBusinessAccount({
  accessToken,
  businessId,
}: GetBusinessAccountOptions): Promise<BusinessAccount> {
  const data = await businessGet(
    'business/get/',
    accessToken,
    { business_id: businessId, fields: JSON.stringify(FIELDS) },
    businessAccountSchema,
  );
  return {
    username: data.username ?? null,
    displayName: data.display_name ?? null,
    avatarUrl: data.profile_image ?? null,
    isVerified: data.is_verified ?? null,
    followerCount: data.followers_count ?? null,
    followingCount: data.following_count ?? null,
    likesCount: data.total_likes ?? null,
    videoCount: data.videos_count ?? null,
  };
}
