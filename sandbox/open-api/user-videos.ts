import { seededId } from '../core/seeded-number';
import type { SandboxUser, SandboxVideo } from '../core/users';
import { makeVideo } from './make-video';

const DAY_SECONDS = 86_400;

/** Generated video `index` (0 = newest) of a user: the same id and time on every call. */
function generatedVideo(
  user: SandboxUser,
  publicUrl: string,
  index: number,
  spacingDays: number,
): SandboxVideo {
  const createdAt = Math.floor(user.createdAtMs / 1000);
  return makeVideo({
    user,
    publicUrl,
    id: seededId('7', user.id, 'video', index),
    createTime: createdAt - Math.round((index + 1) * spacingDays * DAY_SECONDS) - index,
    title: `Sandbox video ${index + 1} of @${user.username}`,
  });
}

/** Every video of the user that exists at `nowMs`, newest first: generated ones plus the rest. */
export function userVideos(user: SandboxUser, publicUrl: string, nowMs: number): SandboxVideo[] {
  const spec = user.generatedVideos;
  const generated = spec
    ? Array.from({ length: spec.count }, (_, i) => generatedVideo(user, publicUrl, i, spec.spacingDays))
    : [];
  return [...user.videos, ...generated]
    .filter((video) => video.createTime * 1000 <= nowMs)
    .sort((a, b) => b.createTime - a.createTime);
}

export function videoCount(user: SandboxUser): number {
  return user.videos.length + (user.generatedVideos?.count ?? 0);
}
