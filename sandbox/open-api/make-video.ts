import { randomInt } from 'node:crypto';
import type { SandboxUser, SandboxVideo } from '../core/users';

/** TikTok item ids are 19 digits: too big for a JS double, so they stay strings here. */
export function newItemId(): string {
  return `7${String(randomInt(10 ** 9)).padStart(9, '0')}${String(randomInt(10 ** 9)).padStart(9, '0')}`;
}

/** Builds a public video for `user` as the Display API describes one. */
export function makeVideo(input: {
  user: SandboxUser;
  publicUrl: string;
  createTime: number;
  title?: string;
  durationSeconds?: number;
  id?: string;
  base?: SandboxVideo['base'];
}): SandboxVideo {
  const id = input.id ?? newItemId();
  const title = input.title ?? `Sandbox video ${id.slice(-4)}`;
  return {
    id,
    title,
    description: title,
    createTime: input.createTime,
    durationSeconds: input.durationSeconds ?? 15 + (Number(id.slice(-2)) % 45),
    coverImageUrl: `${input.publicUrl}/_sandbox/covers/${id}.jpeg`,
    shareUrl: `https://www.tiktok.com/@${input.user.username}/video/${id}?utm_campaign=tt4d_open_api&utm_source=sandbox`,
    embedLink: `https://www.tiktok.com/player/v1/${id}`,
    width: 1080,
    height: 1920,
    base: input.base ?? { views: 0, likes: 0, comments: 0, shares: 0 },
  };
}
