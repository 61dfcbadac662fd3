import { seededUnit } from '../core/seeded-number';
import type { SandboxVideo } from '../core/users';

const DAY_MS = 86_400_000;
/** Daily views decay by this factor; a long tail keeps every day above zero. */
const DECAY = 0.97;

/**
 * Current stats of a video: the stored base plus a deterministic growth in whole days since the
 * video was created, closed-form so a report over thousands of videos stays cheap. Monotonic: a
 * later day never has fewer views, likes, comments or shares.
 */
export function videoStats(video: SandboxVideo, nowMs: number) {
  const days = Math.max(0, Math.floor((nowMs - video.createTime * 1000) / DAY_MS));
  const firstDay = 200 + seededUnit(video.id, 'views') * 4800;
  const tail = 1 + seededUnit(video.id, 'tail') * 20;
  const views = Math.floor((firstDay * (1 - DECAY ** days)) / (1 - DECAY) + tail * days);
  const likeRate = 0.04 + seededUnit(video.id, 'likes') * 0.08;
  const commentRate = 0.002 + seededUnit(video.id, 'comments') * 0.01;
  const shareRate = 0.001 + seededUnit(video.id, 'shares') * 0.006;
  return {
    view_count: video.base.views + views,
    like_count: video.base.likes + Math.floor(views * likeRate),
    comment_count: video.base.comments + Math.floor(views * commentRate),
    share_count: video.base.shares + Math.floor(views * shareRate),
  };
}
