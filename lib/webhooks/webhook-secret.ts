import 'server-only';
import type { WebhookSource } from '@/lib/db/schema';
import { env } from '@/lib/env';

/**
 * Each webhook URL is signed with its own app's secret: developer-app events (creator accounts) with
 * the Login Kit client secret, Business Messaging events with the Business app secret. A request
 * signed with the other app's secret must fail, so the two are never tried in turn.
 */
export function webhookSecret(source: WebhookSource): string | undefined {
  return source === 'tiktok' ? env.TIKTOK_CLIENT_SECRET : env.TIKTOK_BUSINESS_APP_SECRET;
}
