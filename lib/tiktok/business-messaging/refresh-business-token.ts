import 'server-only';
import { ambiguousRetryGuard } from '@/lib/tiktok/http/ambiguous-retry-guard';
import { DEFAULT_RETRY, type RetryPolicy } from '@/lib/tiktok/http/with-retry';
import { postTtUserOauth } from './client';
import { type BusinessTokens, businessTokenSchema } from './schema';
import { toBusinessTokens } from './to-business-tokens';

/** `tt_user/oauth2/refresh_token/`. Rotates: the old refresh token answers 40107 from now on. */
export async function refreshBusinessToken(
  refreshToken: string,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<BusinessTokens> {
  const data = await ambiguousRetryGuard(retry, () =>
    postTtUserOauth(
      'tt_user/oauth2/refresh_token/',
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      businessTokenSchema,
    ),
  );
  return toBusinessTokens(data);
}
