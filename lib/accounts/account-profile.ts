import type { TikTokAccount } from '@/lib/db/schema';

/** The profile columns a connect or a profile refresh writes; the rest of the row is left alone. */
export type AccountProfile = Partial<
  Pick<
    TikTokAccount,
    | 'displayName'
    | 'username'
    | 'avatarUrl'
    | 'profileUrl'
    | 'isVerified'
    | 'followerCount'
    | 'followingCount'
    | 'likesCount'
    | 'videoCount'
    | 'currency'
    | 'timeZone'
    | 'advertiserStatus'
  >
>;
