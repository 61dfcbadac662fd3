import 'server-only';
import type { z } from 'zod';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import type { PaceTarget } from '@/lib/tiktok/pacing/pace-target';
import { decodeBusinessEnvelope } from './decode-business-envelope';
import { tiktokRequest } from './tiktok-request';
import { DEFAULT_RETRY, type RetryPolicy } from './with-retry';

/**
 * The business host (business-api.tiktok.com) serves two surfaces with one envelope: the Business
 * API (`tt_user` accounts, DMs) and the Marketing API (advertisers). Paths keep their trailing
 * slash: without it TikTok answers 404. Every call is paced against the app's tier (per app id, so
 * all workspaces of the installation share it).
 */
type BusinessHostSurface = 'business' | 'marketing';

const API_PREFIX = '/open_api/v1.3/';

function businessHostUrl(path: string): URL {
  return new URL(`${API_PREFIX}${path}`, env.TIKTOK_BUSINESS_API_BASE_URL);
}

/** The app whose quota a call spends: the Business app for DMs and accounts, the Ads app for Marketing. */
function pace(surface: BusinessHostSurface, path: string, accessToken?: string): PaceTarget {
  const appId = surface === 'business' ? env.TIKTOK_BUSINESS_APP_ID : env.TIKTOK_ADS_APP_ID;
  if (!appId) {
    const name = surface === 'business' ? 'TIKTOK_BUSINESS_APP_ID' : 'TIKTOK_ADS_APP_ID';
    throw new AppError({ code: 'service_unavailable', message: `${name} is not configured.` });
  }
  return { host: 'business-api', path, appId, accessToken };
}

/** The app's id and secret, or a clear error naming the variables when that kind is not configured. */
export function requireAppCredentials(
  what: string,
  names: readonly [string, string],
  id: string | undefined,
  secret: string | undefined,
): { appId: string; secret: string } {
  if (!id || !secret) {
    throw new AppError({
      code: 'service_unavailable',
      message: `${what} are not configured: set ${names[0]} and ${names[1]}.`,
    });
  }
  return { appId: id, secret };
}

export type BusinessHostOptions = { retry?: RetryPolicy; signal?: AbortSignal };

/** POST with a JSON body; codes and secrets travel in the body, never in the URL. */
export function businessHostPost<S extends z.ZodType>(
  surface: BusinessHostSurface,
  path: string,
  json: Record<string, unknown>,
  data: S,
  { retry, signal, accessToken }: BusinessHostOptions & { accessToken?: string } = {},
): Promise<z.output<S>> {
  return tiktokRequest({
    surface,
    method: 'POST',
    url: businessHostUrl(path),
    pace: pace(surface, path, accessToken),
    headers: accessToken ? { 'access-token': accessToken } : undefined,
    body: { json },
    decode: decodeBusinessEnvelope(surface, data),
    retry,
    signal,
  });
}

/** POST multipart/form-data (DM image uploads), with the raw token in `Access-Token`. */
export function businessHostPostMultipart<S extends z.ZodType>(
  path: string,
  accessToken: string,
  form: FormData,
  data: S,
  { signal }: { signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  return tiktokRequest({
    surface: 'business',
    method: 'POST',
    url: businessHostUrl(path),
    pace: pace('business', path, accessToken),
    headers: { 'access-token': accessToken },
    body: { multipart: form },
    decode: decodeBusinessEnvelope('business', data),
    signal,
    timeoutMs: 30_000,
  });
}

/** GET with the raw token in `Access-Token`: no `Authorization`, no `Bearer ` prefix (that gives 40105). */
export function businessHostGet<S extends z.ZodType>(
  surface: BusinessHostSurface,
  path: string,
  accessToken: string,
  query: Record<string, string>,
  data: S,
  { retry = DEFAULT_RETRY, signal }: BusinessHostOptions = {},
): Promise<z.output<S>> {
  const url = businessHostUrl(path);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return tiktokRequest({
    surface,
    method: 'GET',
    url,
    pace: pace(surface, path, accessToken),
    headers: { 'access-token': accessToken },
    decode: decodeBusinessEnvelope(surface, data),
    retry,
    signal,
  });
}
