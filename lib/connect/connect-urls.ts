import 'server-only';
import type { TikTokAccountKind } from '@/lib/db/schema';
import { env } from '@/lib/env';

/** The callback registered with TikTok for each kind; must match the app's settings exactly. */
export function connectRedirectUri(kind: TikTokAccountKind): string {
  return `${env.APP_URL}/api/connect/${kind}/callback`;
}

/** An absolute dashboard URL with only non-secret query values (result codes, ids, scope names). */
export function dashboardUrl(path: string, params: Record<string, string | undefined> = {}): string {
  const url = new URL(path, env.APP_URL);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}
