import type { ApiEnvelope } from '../business/testing';
import { DEFAULT_CREDENTIALS } from '../core/config';
import type { RunningSandbox } from '../server';

export const ADS_APP = DEFAULT_CREDENTIALS.marketing;

/**
 * Authorizes the default marketing app for some advertisers (default: all) without the portal page
 * and returns the long-term access token.
 */
export async function connectAdvertisers(sandbox: RunningSandbox, advertiserIds?: string[]) {
  const minted = await fetch(`${sandbox.url}/_sandbox/marketing/auth-code`, {
    method: 'POST',
    body: JSON.stringify({ advertiserIds }),
  });
  const { authCode } = (await minted.json()) as { authCode: string };
  const response = await fetch(`${sandbox.url}/open_api/v1.3/oauth2/access_token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: ADS_APP.id, secret: ADS_APP.secret, auth_code: authCode }),
  });
  const json = (await response.json()) as ApiEnvelope<{ access_token: string; advertiser_ids: string[] }>;
  if (json.code !== 0) throw new Error(`access_token failed: ${json.code} ${json.message}`);
  return { accessToken: json.data.access_token, advertiserIds: json.data.advertiser_ids };
}
