import type { SandboxContext } from '../core/context';
import type { NewUser, SandboxUser } from '../core/users';
import { makeVideo } from '../open-api/make-video';
import { videoCount } from '../open-api/user-videos';

const DAY_SECONDS = 86_400;

export type NewUserInput = Omit<NewUser, 'videos'> & {
  /** A count of generated videos, or explicit ones (`daysAgo` places them in the past). */
  videos?:
    | number
    | { title?: string; daysAgo?: number; durationSeconds?: number; views?: number; likes?: number }[];
};

/**
 * Creates a sandbox user. A number of videos is generated on demand (public, three days apart),
 * so a bench's thousands of creators with hundreds of videos each cost no memory up front.
 */
export function createSandboxUser(ctx: SandboxContext, input: NewUserInput): SandboxUser {
  const { videos, ...rest } = input;
  const generatedVideos = typeof videos === 'number' && videos > 0 ? { count: videos, spacingDays: 3 } : null;
  const user = ctx.users.create({ ...rest, generatedVideos }, ctx.clock.nowMs());
  const specs = Array.isArray(videos) ? videos : [];
  const now = ctx.clock.nowSeconds();
  for (const [index, spec] of specs.entries()) {
    const createTime = now - Math.round((spec.daysAgo ?? index + 1) * DAY_SECONDS) - index;
    user.videos.push(
      makeVideo({
        user,
        publicUrl: ctx.config.publicUrl,
        createTime,
        title: 'title' in spec ? spec.title : undefined,
        durationSeconds: 'durationSeconds' in spec ? spec.durationSeconds : undefined,
        base: {
          views: 'views' in spec ? (spec.views ?? 0) : 0,
          likes: 'likes' in spec ? (spec.likes ?? 0) : 0,
          comments: 0,
          shares: 0,
        },
      }),
    );
  }
  user.stats.videos = Math.max(user.stats.videos, videoCount(user));
  ctx.markDirty();
  return user;
}

/** Somebody to log in as on a fresh `npm run dev`: a public and a private creator (+ a business). */
export function seedUsers(ctx: SandboxContext) {
  if (ctx.users.list('creator').length === 0) {
    createSandboxUser(ctx, {
      kind: 'creator',
      username: 'sandbox_chef',
      displayName: 'Sandbox Chef',
      bio: 'Fifteen-second recipes',
      isVerified: true,
      privacy: 'public',
      stats: { followers: 48_200, following: 310, likes: 1_250_000, videos: 0 },
      videos: 12,
    });
    createSandboxUser(ctx, {
      kind: 'creator',
      username: 'quiet_maker',
      displayName: 'Quiet Maker',
      bio: 'Private account for drafts',
      privacy: 'private',
      stats: { followers: 120, following: 45, likes: 900, videos: 0 },
      videos: 2,
    });
  }
  if (ctx.users.list('business').length === 0) {
    createSandboxUser(ctx, { kind: 'business', username: 'sandbox_bakery', displayName: 'Sandbox Bakery' });
  }
}
