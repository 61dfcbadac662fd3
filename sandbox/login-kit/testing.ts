import type { SandboxApp, SandboxConfig } from '../core/config';
import { type RunningSandbox, startSandbox } from '../server';
import { hexChallenge } from './pkce';

/** The registered Login Kit app (credentials may come from TIKTOK_* env vars). */
export function loginKitApp(sandbox: RunningSandbox): SandboxApp {
  const app = sandbox.ctx.config.apps.find((candidate) => candidate.kind === 'login-kit');
  if (!app) throw new Error('no login-kit app configured');
  return app;
}
export const ALL_SCOPES = [
  'user.info.basic',
  'user.info.profile',
  'user.info.stats',
  'video.list',
  'video.publish',
  'video.upload',
];
export const VERIFIER = 'sandbox-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';

/** A sandbox on a free port, no snapshot, fast publish stages: what every contract test uses. */
export function startTestSandbox(overrides: Partial<SandboxConfig> = {}) {
  return startSandbox({ port: 0, snapshotPath: null, publishStageMs: 20, ...overrides });
}

export type TestUser = { id: string; openId: string; username: string; privacy: string };

/** Creates a user through the control API. */
export async function createUser(
  sandbox: RunningSandbox,
  body: Record<string, unknown> = {},
): Promise<TestUser> {
  const response = await fetch(`${sandbox.url}/_sandbox/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'creator', ...body }),
  });
  return ((await response.json()) as { user: TestUser }).user;
}

export function authorizeUrl(sandbox: RunningSandbox, params: Record<string, string | null> = {}) {
  const url = new URL('/v2/auth/authorize/', sandbox.url);
  const defaults: Record<string, string | null> = {
    client_key: loginKitApp(sandbox).id,
    scope: ALL_SCOPES.join(','),
    redirect_uri: loginKitApp(sandbox).redirectUris[0] ?? '',
    state: 'state-123',
    response_type: 'code',
    code_challenge: hexChallenge(VERIFIER),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries({ ...defaults, ...params })) {
    if (value !== null) url.searchParams.set(name, value);
  }
  return url;
}

/** Submits the consent form as a browser would; returns the redirect Location. */
export async function submitConsent(
  sandbox: RunningSandbox,
  input: { url: URL; userId: string; granted?: string[]; decision?: 'approve' | 'deny' },
): Promise<URL> {
  const form = new URLSearchParams({
    authorize_query: input.url.searchParams.toString(),
    user_id: input.userId,
  });
  for (const scope of input.granted ?? (input.url.searchParams.get('scope') ?? '').split(',')) {
    form.append('granted_scope', scope);
  }
  form.set('decision', input.decision ?? 'approve');
  const response = await fetch(`${sandbox.url}/v2/auth/authorize/`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  if (response.status !== 302)
    throw new Error(`consent answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location') ?? '');
}

export async function postForm(sandbox: RunningSandbox, path: string, values: Record<string, string>) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(values),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

export type Tokens = {
  access_token: string;
  refresh_token: string;
  open_id: string;
  scope: string;
  expires_in: number;
  refresh_expires_in: number;
  token_type: string;
};

/** Full Login Kit flow over HTTP: consent page → code → token exchange. */
export async function connectCreator(
  sandbox: RunningSandbox,
  options: { user?: TestUser; scopes?: string[]; granted?: string[] } = {},
): Promise<{ user: TestUser; tokens: Tokens }> {
  const user = options.user ?? (await createUser(sandbox));
  const url = authorizeUrl(sandbox, { scope: (options.scopes ?? ALL_SCOPES).join(',') });
  const callback = await submitConsent(sandbox, { url, userId: user.id, granted: options.granted });
  const app = loginKitApp(sandbox);
  const { json } = await postForm(sandbox, '/v2/oauth/token/', {
    client_key: app.id,
    client_secret: app.secret,
    code: callback.searchParams.get('code') ?? '',
    grant_type: 'authorization_code',
    redirect_uri: app.redirectUris[0] ?? '',
    code_verifier: VERIFIER,
  });
  if (typeof json.access_token !== 'string')
    throw new Error(`token exchange failed: ${JSON.stringify(json)}`);
  return { user, tokens: json as unknown as Tokens };
}

export type ApiResult = {
  status: number;
  json: { data: Record<string, unknown>; error: { code: string; message: string; log_id: string } };
  text: string;
};

/** Calls the Open API with a bearer token and a JSON body. */
export async function callOpenApi(
  sandbox: RunningSandbox,
  token: string,
  path: string,
  options: { method?: string; body?: unknown } = {},
): Promise<ApiResult> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=UTF-8' },
    body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}),
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as ApiResult['json'], text };
}
