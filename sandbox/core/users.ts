import { randomBytes } from 'node:crypto';

export type SandboxVideo = {
  id: string;
  title: string;
  description: string;
  createTime: number;
  durationSeconds: number;
  coverImageUrl: string;
  shareUrl: string;
  embedLink: string;
  width: number;
  height: number;
  /** Stats at creation; the current values grow with sandbox days since creation (see open-api). */
  base: { views: number; likes: number; comments: number; shares: number };
};

export type SandboxUser = {
  /** Internal id used by the control API and the consent page. */
  id: string;
  kind: 'creator' | 'business';
  openId: string;
  unionId: string;
  username: string;
  displayName: string;
  avatarUrl: string;
  bio: string;
  isVerified: boolean;
  privacy: 'public' | 'private';
  stats: { followers: number; following: number; likes: number; videos: number };
  videos: SandboxVideo[];
  createdAtMs: number;
};

export type NewUser = Partial<Omit<SandboxUser, 'id' | 'openId' | 'unionId' | 'createdAtMs'>> & {
  kind: SandboxUser['kind'];
};

export function randomId(prefix: string, bytes = 12): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

/** All TikTok users known to the sandbox: creators (Login Kit) and business accounts. */
export class UserStore {
  private users = new Map<string, SandboxUser>();

  create(input: NewUser, nowMs: number): SandboxUser {
    const id = randomId('u_', 6);
    const username = input.username ?? `${input.kind}_${id.slice(2, 8)}`;
    const user: SandboxUser = {
      id,
      kind: input.kind,
      openId: randomId('-000', 16),
      unionId: randomId('u', 16),
      username,
      displayName: input.displayName ?? username.replace(/_/g, ' '),
      avatarUrl: input.avatarUrl ?? '',
      bio: input.bio ?? '',
      isVerified: input.isVerified ?? false,
      privacy: input.privacy ?? 'public',
      stats: input.stats ?? { followers: 1200, following: 80, likes: 54_000, videos: 0 },
      videos: input.videos ?? [],
      createdAtMs: nowMs,
    };
    this.users.set(id, user);
    return user;
  }

  get(id: string) {
    return this.users.get(id);
  }

  byOpenId(openId: string) {
    for (const user of this.users.values()) if (user.openId === openId) return user;
    return undefined;
  }

  list(kind?: SandboxUser['kind']) {
    return [...this.users.values()].filter((u) => !kind || u.kind === kind);
  }

  clear() {
    this.users.clear();
  }

  snapshot() {
    return [...this.users.values()];
  }

  restore(users: SandboxUser[]) {
    this.users = new Map(users.map((u) => [u.id, u]));
  }
}
