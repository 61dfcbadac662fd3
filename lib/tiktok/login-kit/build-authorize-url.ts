import 'server-only';
import { env } from '@/lib/env';

export type BuildAuthorizeUrlOptions = {
  /** Login Kit client key, or the Business app id: both use the same consent page. */
  clientKey: string;
  scopes: readonly string[];
  redirectUri: string;
  state: string;
  /** Hex S256 challenge; omitted for the Business app, which does not use PKCE. */
  codeChallenge?: string;
};

/**
 * TikTok's consent page URL. TikTok wants `client_key` (not `client_id`) and comma-separated scopes.
 * Nothing secret goes in here: the verifier stays in our database, the client secret on the server.
 */
export function buildAuthorizeUrl({
  clientKey,
  scopes,
  redirectUri,
  state,
  codeChallenge,
}: BuildAuthorizeUrlOptions): string {
  const url = new URL('/v2/auth/authorize/', env.TIKTOK_AUTH_BASE_URL);
  url.searchParams.set('client_key', clientKey);
  url.searchParams.set('scope', scopes.join(','));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  // Always show the consent page, so reconnecting lets the user pick the account and scopes again.
  url.searchParams.set('disable_auto_auth', '1');
  if (codeChallenge) {
    url.searchParams.set('code_challenge', codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.toString();
}
