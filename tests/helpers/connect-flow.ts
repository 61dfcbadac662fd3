import { handleConnectCallback } from '@/lib/connect/handle-connect-callback';
import { keepAdvertisers } from '@/lib/connect/keep-advertisers';
import { startConnection } from '@/lib/connect/start-connection';
import type { TikTokAccountKind } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { RunningSandbox } from '@/sandbox/server';

export type ConsentOptions = {
  /** Sandbox user id (creator/business); ads use the portal's advertiser list. */
  sandboxUserId?: string;
  granted?: string[];
  advertiserIds?: string[];
  decision?: 'approve' | 'deny';
};

/**
 * Starts a connection as the app does and answers TikTok's consent page as a browser would.
 * Returns the callback query TikTok redirects to (what `/api/connect/<kind>/callback` receives).
 */
export async function consentAndGetCallback(
  db: Db,
  sandbox: RunningSandbox,
  input: { kind: TikTokAccountKind; workspaceId: string; userId: string } & ConsentOptions,
): Promise<Record<string, string>> {
  const { url } = await startConnection(db, input);
  const authorize = new URL(url);
  const form = new URLSearchParams({ decision: input.decision ?? 'approve' });
  let target: string;
  if (input.kind === 'ads') {
    target = `${sandbox.url}/portal/auth`;
    for (const name of ['app_id', 'redirect_uri', 'state'])
      form.set(name, authorize.searchParams.get(name) ?? '');
    const ids = input.advertiserIds ?? ['7300000000000000001', '7300000000000000002', '7300000000000000003'];
    for (const id of ids) form.append('advertiser_id', id);
  } else {
    target = `${sandbox.url}/v2/auth/authorize/`;
    form.set('authorize_query', authorize.searchParams.toString());
    form.set('user_id', input.sandboxUserId ?? '');
    for (const scope of input.granted ?? (authorize.searchParams.get('scope') ?? '').split(',')) {
      form.append('granted_scope', scope);
    }
  }
  const response = await fetch(target, { method: 'POST', body: form, redirect: 'manual' });
  if (response.status !== 302)
    throw new Error(`consent answered ${response.status}: ${await response.text()}`);
  return Object.fromEntries(new URL(response.headers.get('location') ?? '').searchParams);
}

export function sandboxUser(sandbox: RunningSandbox, kind: 'creator' | 'business') {
  return sandbox.ctx.users.create({ kind }, sandbox.ctx.clock.nowMs());
}

export type ConnectTestAccountOptions = {
  kind: TikTokAccountKind;
  workspaceId: string;
  userId: string;
  /** Reconnect this sandbox user instead of creating one (creator/business). */
  sandboxUserId?: string;
  /** Ads: the advertiser to consent to and keep. */
  advertiserId?: string;
};

/** Connects an account the way a user does (consent, callback, advertiser pick) and returns its row id. */
export async function connectTestAccount(
  db: Db,
  sandbox: RunningSandbox,
  options: ConnectTestAccountOptions,
) {
  const { kind, workspaceId, userId } = options;
  const user = kind === 'ads' || options.sandboxUserId ? null : sandboxUser(sandbox, kind);
  const advertiserIds = [options.advertiserId ?? '7300000000000000001'];
  const params = await consentAndGetCallback(db, sandbox, {
    kind,
    workspaceId,
    userId,
    sandboxUserId: options.sandboxUserId ?? user?.id,
    advertiserIds,
  });
  const location = new URL(await handleConnectCallback(db, { kind, params, userId }));
  if (kind !== 'ads') {
    const id = location.searchParams.get('account');
    if (!id) throw new Error(`connecting failed: ${location.searchParams.get('error')}`);
    return { id, user };
  }
  const { accountIds } = await keepAdvertisers(db, {
    attemptId: location.searchParams.get('attempt') ?? '',
    workspaceId,
    userId,
    advertiserIds,
  });
  return { id: accountIds[0] ?? '', user };
}
