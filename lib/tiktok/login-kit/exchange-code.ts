import 'server-only';
import { decodeTokens, postOauthForm } from './client';
import type { LoginKitTokens } from './schema';

export type ExchangeCodeOptions = {
  /** Already URL-decoded (URLSearchParams does it); real codes contain `*` and `!`. */
  code: string;
  redirectUri: string;
  codeVerifier: string;
};

/** `grant_type=authorization_code`. Never retried: codes are single use, a second try would fail anyway. */
export function exchangeCode({
  code,
  redirectUri,
  codeVerifier,
}: ExchangeCodeOptions): Promise<LoginKitTokens> {
  return postOauthForm(
    '/v2/oauth/token/',
    { code, grant_type: 'authorization_code', redirect_uri: redirectUri, code_verifier: codeVerifier },
    (json, status) => decodeTokens(json, status),
  );
}
