import { DEFAULT_CREDENTIALS, findApp, SECRET_PREFIXES } from '../core/config';
import type { SandboxUser } from '../core/users';
import type { RunningSandbox } from '../server';
import { BUSINESS_SCOPES } from './scopes';

export { BUSINESS_SCOPES } from './scopes';

export type ApiEnvelope<T = Record<string, unknown>> = {
  code: number;
  message: string;
  request_id: string;
  data: T;
};

/** Mints a business auth code as the consent page would, without going through the page. */
export function issueBusinessCode(sandbox: RunningSandbox, user: SandboxUser, scopes = BUSINESS_SCOPES) {
  const { ctx } = sandbox;
  const app = findApp(ctx.config, 'business', DEFAULT_CREDENTIALS.business.id);
  if (!app) throw new Error('business app missing from the sandbox config');
  return ctx.authCodes.issue(
    {
      appKind: 'business',
      appId: app.id,
      userId: user.id,
      scopes,
      redirectUri: app.redirectUris[0] ?? '',
      codeChallenge: null,
      advertiserIds: [],
      expiresAtMs: ctx.clock.nowMs() + 10 * 60_000,
    },
    SECRET_PREFIXES.businessCode,
  );
}

export type ConnectedBusiness = {
  user: SandboxUser;
  openId: string;
  accessToken: string;
  refreshToken: string;
  scope: string;
};

/**
 * Creates (or reuses) a business user and exchanges a freshly minted code over HTTP, so the app is
 * authorized and receives this account's DM webhooks.
 */
export async function connectBusiness(
  sandbox: RunningSandbox,
  options: { user?: SandboxUser; scopes?: string[] } = {},
): Promise<ConnectedBusiness> {
  const user = options.user ?? sandbox.ctx.users.create({ kind: 'business' }, sandbox.ctx.clock.nowMs());
  const code = issueBusinessCode(sandbox, user, options.scopes);
  const response = await fetch(`${sandbox.url}/open_api/v1.3/tt_user/oauth2/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: code.appId,
      client_secret: DEFAULT_CREDENTIALS.business.secret,
      grant_type: 'authorization_code',
      auth_code: code.code,
      redirect_uri: code.redirectUri,
    }),
  });
  const json = (await response.json()) as ApiEnvelope<Record<string, string>>;
  if (json.code !== 0) throw new Error(`token exchange failed: ${json.code} ${json.message}`);
  return {
    user,
    openId: json.data.open_id ?? '',
    accessToken: json.data.access_token ?? '',
    refreshToken: json.data.refresh_token ?? '',
    scope: json.data.scope ?? '',
  };
}

/** `POST /_sandbox/business/dm` as a customer; returns the new message and its conversation. */
export async function sendCustomerDm(sandbox: RunningSandbox, body: Record<string, unknown>) {
  const response = await fetch(`${sandbox.url}/_sandbox/business/dm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`dm failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as {
    conversation: { id: string; type: string; canReply: boolean };
    message: { message_id: string; image?: { media_id: string } };
  };
}
