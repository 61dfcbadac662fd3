import 'server-only';
import { postTtUserOauth } from './client';
import { type BusinessTokens, businessTokenSchema } from './schema';
import { toBusinessTokens } from './to-business-tokens';

export type ExchangeBusinessCodeOptions = { code: string; redirectUri: string };

/** `tt_user/oauth2/token/`: the body field is `auth_code`, not `code`. Single use, so never retried. */
export async function exchangeBusinessCode({
  code,
  redirectUri,
}: ExchangeBusinessCodeOptions): Promise<BusinessTokens> {
  const data = await postTtUserOauth(
    'tt_user/oauth2/token/',
    { grant_type: 'authorization_code', auth_code: code, redirect_uri: redirectUri },
    businessTokenSchema,
  );
  return toBusinessTokens(data);
}
