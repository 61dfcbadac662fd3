import type { SandboxApp, SandboxConfig } from '../core/config';
import type { OauthErrorCode } from './oauth-error';
import { LOGIN_KIT_SCOPES, parseScopeList } from './scopes';

export type AuthorizeRequest = {
  app: SandboxApp;
  redirectUri: string;
  state: string;
  scopes: string[];
  codeChallenge: string | null;
  /** `0` lets an already-authorized user skip the consent page. */
  disableAutoAuth: boolean;
  /** The query as received, re-posted by the consent form. */
  params: URLSearchParams;
};

export type AuthorizeCheck =
  | { kind: 'ok'; request: AuthorizeRequest }
  /** Shown on TikTok's own error page: never redirect to a URI we could not validate. */
  | { kind: 'page-error'; message: string }
  | {
      kind: 'redirect-error';
      redirectUri: string;
      state: string;
      error: OauthErrorCode;
      description: string;
    };

/**
 * Validates authorize parameters. The same TikTok page serves Login Kit apps and the Business
 * app (whose "client_key" is its app id), so both kinds are looked up here.
 */
export function checkAuthorizeRequest(config: SandboxConfig, params: URLSearchParams): AuthorizeCheck {
  const clientKey = params.get('client_key');
  if (!clientKey) {
    // A frequent mistake: generic OAuth libraries send client_id.
    const hint = params.has('client_id') ? ' (TikTok calls it client_key, not client_id)' : '';
    return { kind: 'page-error', message: `Missing client_key${hint}.` };
  }
  const app = config.apps.find(
    (candidate) =>
      candidate.id === clientKey && (candidate.kind === 'login-kit' || candidate.kind === 'business'),
  );
  if (!app) return { kind: 'page-error', message: 'client_key is not registered.' };

  const redirectUri = params.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) {
    return { kind: 'page-error', message: 'redirect_uri does not match a registered redirect URI.' };
  }

  const state = params.get('state') ?? '';
  const fail = (error: OauthErrorCode, description: string): AuthorizeCheck => ({
    kind: 'redirect-error',
    redirectUri,
    state,
    error,
    description,
  });
  if (params.get('response_type') !== 'code') {
    return fail('unsupported_response_type', 'response_type must be code.');
  }

  const scopes = parseScopeList(params.get('scope'));
  if (scopes.length === 0) return fail('invalid_request', 'scope is required.');
  const unknown = app.kind === 'login-kit' ? scopes.filter((s) => !(s in LOGIN_KIT_SCOPES)) : [];
  if (unknown.length > 0) return fail('invalid_scope', `Unknown scope: ${unknown.join(',')}.`);

  const codeChallenge = params.get('code_challenge') || null;
  const method = params.get('code_challenge_method');
  if (!codeChallenge && app.pkce === 'required') {
    return { kind: 'page-error', message: 'code_challenge is required for this app.' };
  }
  // TikTok's Android SDK omits the method, so absence means S256; anything else is refused.
  if (codeChallenge && method && method !== 'S256') {
    return fail('invalid_request', 'code_challenge_method must be S256.');
  }

  return {
    kind: 'ok',
    request: {
      app,
      redirectUri,
      state,
      scopes,
      codeChallenge,
      disableAutoAuth: params.get('disable_auto_auth') !== '0',
      params,
    },
  };
}

/** Appends callback parameters to the registered redirect URI. */
export function callbackUrl(redirectUri: string, values: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(values)) url.searchParams.set(name, value);
  return url.toString();
}
