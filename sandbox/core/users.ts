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
  /** Country the account is registered in; DMs are unavailable in the EEA, Switzerland and the UK. */
  region: string;
  /** Counts when the user was created; follower and like totals grow from there (see account-growth). */
  stats: { followers: number; following: number; likes: number; videos: number };
  /** Videos created one by one (published through the API, or given explicitly). */
  videos: SandboxVideo[];
  /** Videos generated on demand from the user id, so thousands of them cost nothing to keep. */
  generatedVideos: { count: number; spacingDays: number } | null;
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
  /** Every token lookup goes through open_id; benches create thousands of users. */
  private byOpen = new Map<string, SandboxUser>();

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
      region: input.region ?? 'US',
      stats: input.stats ?? { followers: 1200, following: 80, likes: 54_000, videos: 0 },
      videos: input.videos ?? [],
      generatedVideos: input.generatedVideos ?? null,
      createdAtMs: nowMs,
    };
    this.users.set(id, user);
    this.byOpen.set(user.openId, user);
    return user;
  }

  get(id: string) {
    return this.users.get(id);
  }

  byOpenId(openId: string) {
    return this.byOpen.get(openId);
  }

  list(kind?: SandboxUser['kind']) {
    return [...this.users.values()].filter((u) => !kind || u.kind === kind);
  }

  clear() {
    this.users.clear();
    this.byOpen.clear();
  }

  snapshot() {
    return [...this.users.values()];
  }

  restore(users: SandboxUser[]) {
    // Snapshots written before these fields existed lack them.
    const complete = users.map((u) => ({
      ...u,
      region: u.region ?? 'US',
      generatedVideos: u.generatedVideos ?? null,
    }));
    this.users = new Map(complete.map((u) => [u.id, u]));
    this.byOpen = new Map(complete.map((u) => [u.openId, u]));
  }
}
