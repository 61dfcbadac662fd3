import { env } from '@/lib/env';

/** An absolute link into the app for an e-mail: always APP_URL, never the host a request named. */
export function appLink(path: string, params: Record<string, string | undefined> = {}): string {
  const url = new URL(path, `${env.APP_URL}/`);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url.toString();
}
