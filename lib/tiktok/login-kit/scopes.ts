/** Everything a creator account is used for: profile + stats on the dashboard, video list, publishing. */
export const CREATOR_SCOPES = [
  'user.info.basic',
  'user.info.profile',
  'user.info.stats',
  'video.list',
  'video.publish',
  'video.upload',
] as const;
