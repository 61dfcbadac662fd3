import { followerCount } from '../core/account-growth';
import type { SandboxUser } from '../core/users';
import { userVideos } from './user-videos';
import { videoStats } from './video-stats';

/**
 * A creator's counts now. Followers follow the account's growth curve; total likes are the likes
 * at creation plus every like the videos gathered since, so they agree with the per-video numbers.
 */
export function creatorStats(user: SandboxUser, publicUrl: string, nowMs: number) {
  const videos = userVideos(user, publicUrl, nowMs);
  let likesSince = 0;
  for (const video of videos) {
    likesSince += videoStats(video, nowMs).like_count - videoStats(video, user.createdAtMs).like_count;
  }
  return {
    follower_count: followerCount(user, nowMs),
    following_count: user.stats.following,
    likes_count: user.stats.likes + likesSince,
    video_count: Math.max(user.stats.videos, videos.length),
  };
}
