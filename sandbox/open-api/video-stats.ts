import { createHash } from 'node:crypto';
import type { SandboxVideo } from '../core/users';

const DAY_MS = 86_400_000;

/** A number in [0, 1) derived from the video id and a label, stable across restarts. */
function seeded(id: string, label: string): number {
  return createHash('sha256').update(`${id}:${label}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Current stats of a video: the stored base plus a deterministic daily growth that decays
 * over time, so reports see believable, monotonic numbers when the sandbox clock moves.
 */
export function videoStats(video: SandboxVideo, nowMs: number) {
  const days = Math.max(0, Math.floor((nowMs - video.createTime * 1000) / DAY_MS));
  const dailyViews = 200 + Math.floor(seeded(video.id, 'views') * 4800);
  let views = 0;
  for (let day = 0; day < Math.min(days, 3650); day++) {
    const jitter = 0.6 + seeded(video.id, `d${day}`) * 0.8;
    views += Math.floor(dailyViews * jitter * 0.97 ** day);
  }
  const likeRate = 0.04 + seeded(video.id, 'likes') * 0.08;
  const commentRate = 0.002 + seeded(video.id, 'comments') * 0.01;
  const shareRate = 0.001 + seeded(video.id, 'shares') * 0.006;
  return {
    view_count: video.base.views + views,
    like_count: video.base.likes + Math.floor(views * likeRate),
    comment_count: video.base.comments + Math.floor(views * commentRate),
    share_count: video.base.shares + Math.floor(views * shareRate),
  };
}
