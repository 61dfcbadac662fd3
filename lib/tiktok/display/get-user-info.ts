import 'server-only';
import { openApiRequest } from '@/lib/tiktok/http/open-api-host';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { type CreatorProfile, userInfoSchema } from './schema';

// Each group needs its own scope; asking for one that was not granted fails the whole call with
// `scope_permission_missed`, so only fields covered by the granted scopes are requested.
const FIELDS_BY_SCOPE: Record<string, string[]> = {
  'user.info.basic': ['open_id', 'avatar_url', 'display_name'],
  'user.info.profile': ['username', 'profile_deep_link', 'is_verified'],
  'user.info.stats': ['follower_count', 'following_count', 'likes_count', 'video_count'],
};

export type GetUserInfoOptions = { accessToken: string; scopes: readonly string[]; signal?: AbortSignal };

/** `GET /v2/user/info/`: the creator's profile and counts, as far as the granted scopes allow. */
export async function getUserInfo({
  accessToken,
  scopes,
  signal,
}: GetUserInfoOptions): Promise<CreatorProfile> {
  const fields = Object.entries(FIELDS_BY_SCOPE)
    .filter(([scope]) => scopes.includes(scope))
    .flatMap(([, names]) => names);
  const { user } = await openApiRequest({
    surface: 'display',
    method: 'GET',
    path: '/v2/user/info/',
    accessToken,
    query: { fields: (fields.length ? fields : ['open_id']).join(',') },
    data: userInfoSchema,
    retry: DEFAULT_RETRY,
    signal,
  });
  return {
    openId: user.open_id,
    displayName: user.display_name ?? null,
    username: user.username ?? null,
    avatarUrl: user.avatar_url ?? null,
    profileUrl: user.profile_deep_link ?? null,
    isVerified: user.is_verified ?? null,
    followerCount: user.follower_count ?? null,
    followingCount: user.following_count ?? null,
    likesCount: user.likes_count ?? null,
    videoCount: user.video_count ?? null,
  };
}
