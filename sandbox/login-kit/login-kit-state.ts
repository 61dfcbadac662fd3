import type { SandboxContext } from '../core/context';
import { randomId } from '../core/users';

export type Authorization = { appId: string; userId: string; scopes: string[]; grantedAtMs: number };

export type TokenRecord = {
  token: string;
  appId: string;
  userId: string;
  scopes: string[];
  expiresAtMs: number;
  /** Unix ms when the refresh-token chain of this authorization ends (it does not move on refresh). */
  chainExpiresAtMs: number;
  revoked: boolean;
};

export type LoginKitQuirks = {
  /** Answer token-host errors with HTTP 200, as integrators observe TikTok doing (the default). */
  oauthErrorsWith200: boolean;
  /** Accept RFC 7636 base64url challenges besides TikTok's hex ones. */
  pkceBase64url: boolean;
};

type RemovalListener = (auth: Authorization) => void;

/** Login Kit grants and tokens. One instance per running sandbox (see `loginKitState`). */
export class LoginKitState {
  authorizations = new Map<string, Authorization>();
  access = new Map<string, TokenRecord>();
  refresh = new Map<string, TokenRecord>();
  quirks: LoginKitQuirks;
  private removalListeners: RemovalListener[] = [];

  constructor(private defaultQuirks: () => LoginKitQuirks) {
    this.quirks = defaultQuirks();
  }

  onAuthorizationRemoved(listener: RemovalListener) {
    this.removalListeners.push(listener);
  }

  grant(input: { appId: string; userId: string; scopes: string[]; nowMs: number }) {
    this.authorizations.set(key(input.appId, input.userId), {
      appId: input.appId,
      userId: input.userId,
      scopes: input.scopes,
      grantedAtMs: input.nowMs,
    });
  }

  mint(input: {
    appId: string;
    userId: string;
    scopes: string[];
    nowMs: number;
    accessSeconds: number;
    chainExpiresAtMs: number;
    prefixes: { access: string; refresh: string };
    /** Without rotation a refresh hands back the refresh token it was given. */
    keepRefresh?: TokenRecord;
  }) {
    const base = { appId: input.appId, userId: input.userId, scopes: input.scopes, revoked: false };
    const chainExpiresAtMs = input.chainExpiresAtMs;
    const access: TokenRecord = {
      ...base,
      token: randomId(`${input.prefixes.access}.`, 24),
      expiresAtMs: Math.min(input.nowMs + input.accessSeconds * 1000, chainExpiresAtMs),
      chainExpiresAtMs,
    };
    const refresh: TokenRecord = input.keepRefresh ?? {
      ...base,
      token: randomId(`${input.prefixes.refresh}.`, 24),
      expiresAtMs: chainExpiresAtMs,
      chainExpiresAtMs,
    };
    this.access.set(access.token, access);
    this.refresh.set(refresh.token, refresh);
    return { access, refresh };
  }

  /** A live access token, or null when unknown, revoked, expired or its authorization is gone. */
  liveAccess(token: string, nowMs: number): TokenRecord | null {
    const record = this.access.get(token);
    if (!record || record.revoked || record.expiresAtMs <= nowMs) return null;
    if (!this.authorizations.has(key(record.appId, record.userId))) return null;
    return record;
  }

  authorization(appId: string, userId: string) {
    return this.authorizations.get(key(appId, userId));
  }

  /** Drops the authorization and every token minted for it; listeners fail in-flight posts. */
  removeAuthorization(appId: string, userId: string): Authorization | null {
    const auth = this.authorizations.get(key(appId, userId));
    if (!auth) return null;
    this.authorizations.delete(key(appId, userId));
    for (const map of [this.access, this.refresh]) {
      for (const record of map.values()) {
        if (record.appId === appId && record.userId === userId) record.revoked = true;
      }
    }
    for (const listener of this.removalListeners) listener(auth);
    return auth;
  }

  clear() {
    this.authorizations.clear();
    this.access.clear();
    this.refresh.clear();
    this.quirks = this.defaultQuirks();
  }

  snapshot() {
    return {
      authorizations: [...this.authorizations.values()],
      access: [...this.access.values()],
      refresh: [...this.refresh.values()],
      quirks: this.quirks,
    };
  }

  restore(data: ReturnType<LoginKitState['snapshot']>) {
    this.authorizations = new Map(data.authorizations.map((a) => [key(a.appId, a.userId), a]));
    this.access = new Map(data.access.map((t) => [t.token, t]));
    this.refresh = new Map(data.refresh.map((t) => [t.token, t]));
    this.quirks = data.quirks;
  }
}

function key(appId: string, userId: string) {
  return `${appId}:${userId}`;
}

const states = new WeakMap<SandboxContext, LoginKitState>();

/** The Login Kit state of one running sandbox; other modules use it to check bearer tokens. */
export function loginKitState(ctx: SandboxContext): LoginKitState {
  let state = states.get(ctx);
  if (!state) {
    state = new LoginKitState(() => ({
      oauthErrorsWith200: ctx.config.oauthErrorStatus === '200',
      pkceBase64url: false,
    }));
    states.set(ctx, state);
  }
  return state;
}
