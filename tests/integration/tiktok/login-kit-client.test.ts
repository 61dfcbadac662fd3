import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { exchangeCode } from '@/lib/tiktok/login-kit/exchange-code';
import { refreshAccessToken } from '@/lib/tiktok/login-kit/refresh-access-token';
import { revokeAccessToken } from '@/lib/tiktok/login-kit/revoke-access-token';
import {
  authorizeUrl,
  connectCreator,
  createUser,
  loginKitApp,
  submitConsent,
  VERIFIER,
} from '@/sandbox/login-kit/testing';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';

const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

let stack: TikTokStack;
beforeAll(async () => {
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

async function rejection(promise: Promise<unknown>): Promise<TikTokApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TikTokApiError);
  return error as TikTokApiError;
}

/**
 * The sandbox answers token errors with HTTP 200 by default (what integrators see from TikTok) and
 * with 4xx behind a switch; the client must read the body either way and reach the same verdict.
 */
describe.each([
  ['HTTP 200 with an error body', true],
  ['4xx statuses', false],
])('Login Kit client with token errors as %s', (_mode, as200) => {
  beforeAll(async () => {
    await fetch(`${stack.sandbox.url}/_sandbox/quirks`, {
      method: 'POST',
      body: JSON.stringify({ oauthErrorsWith200: as200 }),
    });
  });

  async function freshCode() {
    const user = await createUser(stack.sandbox);
    const callback = await submitConsent(stack.sandbox, {
      url: authorizeUrl(stack.sandbox),
      userId: user.id,
    });
    return callback.searchParams.get('code') ?? '';
  }
  const redirectUri = () => loginKitApp(stack.sandbox).redirectUris[0] ?? '';

  it('exchanges a code, and a reused code is invalid_grant: reconnect, never retried', async () => {
    const code = await freshCode();
    const tokens = await exchangeCode({ code, redirectUri: redirectUri(), codeVerifier: VERIFIER });
    expect(tokens.accessToken.startsWith('act.')).toBe(true);
    expect(tokens.accessTokenExpiresAt.getTime()).toBeGreaterThan(Date.now());
    await stack.clearRequests();
    const error = await rejection(exchangeCode({ code, redirectUri: redirectUri(), codeVerifier: VERIFIER }));
    expect(error).toMatchObject({
      code: 'invalid_grant',
      status: as200 ? 200 : 400,
      needsReconnect: true,
      retryable: false,
    });
    expect(await stack.requestCount('oauth.token')).toBe(1);
  });

  it('a wrong PKCE verifier is invalid_request, not a reconnect', async () => {
    const error = await rejection(
      exchangeCode({ code: await freshCode(), redirectUri: redirectUri(), codeVerifier: `${VERIFIER}x` }),
    );
    expect(error).toMatchObject({ code: 'invalid_request', needsReconnect: false, retryable: false });
    expect(error.message).toContain('Code verifier or code challenge is invalid.');
  });

  it('refreshes with rotation; the rotated-away token is invalid_grant', async () => {
    const { tokens } = await connectCreator(stack.sandbox);
    const renewed = await refreshAccessToken(tokens.refresh_token, FAST_RETRY);
    expect(renewed.refreshToken).not.toBe(tokens.refresh_token);
    const error = await rejection(refreshAccessToken(tokens.refresh_token, FAST_RETRY));
    expect(error).toMatchObject({ code: 'invalid_grant', needsReconnect: true });
  });

  it('temporarily_unavailable is retried, whatever the status it came with', async () => {
    const { tokens } = await connectCreator(stack.sandbox);
    await stack.clearRequests();
    await stack.addFault({
      endpoint: 'oauth.token',
      errorCode: 'temporarily_unavailable',
      status: as200 ? 200 : 503,
      count: 2,
    });
    const renewed = await refreshAccessToken(tokens.refresh_token, FAST_RETRY);
    expect(renewed.accessToken).toBeTruthy();
    expect(await stack.requestCount('oauth.token')).toBe(3);
  });

  it('a refresh whose answer was lost after TikTok rotated is "outcome unknown", not a reconnect', async () => {
    const { tokens } = await connectCreator(stack.sandbox);
    // TikTok rotates the token, then the connection drops before the answer arrives.
    await stack.addFault({ endpoint: 'oauth.token', after: true, drop: true, count: 1 });
    const error = await rejection(refreshAccessToken(tokens.refresh_token, FAST_RETRY));
    expect(error).toMatchObject({ code: 'refresh_outcome_unknown', needsReconnect: false });
  });

  it('revoking an unknown token succeeds ({}), and a server error is retried', async () => {
    await expect(revokeAccessToken('act.sbx.unknown')).resolves.toBeUndefined();
    await stack.addFault({
      endpoint: 'oauth.revoke',
      errorCode: 'server_error',
      status: as200 ? 200 : 500,
      count: 1,
    });
    await expect(revokeAccessToken('act.sbx.unknown')).resolves.toBeUndefined();
  });
});
