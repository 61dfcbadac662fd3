import type { SandboxContext } from '../core/context';
import type { SandboxUser } from '../core/users';
import { loginKitState } from './login-kit-state';

export type LoginKitSession = {
  token: string;
  appId: string;
  user: SandboxUser;
  scopes: string[];
  expiresAtMs: number;
};

/**
 * Resolves an Open API bearer token to the user and granted scopes, or null when the token is
 * unknown, expired, revoked or belongs to a user deleted from the sandbox.
 */
export function resolveLoginKitToken(ctx: SandboxContext, token: string): LoginKitSession | null {
  const record = loginKitState(ctx).liveAccess(token, ctx.clock.nowMs());
  if (!record) return null;
  const user = ctx.users.get(record.userId);
  if (!user) return null;
  return { token, appId: record.appId, user, scopes: record.scopes, expiresAtMs: record.expiresAtMs };
}

/** Reads `Authorization: Bearer <token>`; TikTok accepts nothing else on the Open API host. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
