import 'server-only';
import type { TikTokAccountKind } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { completeAdsConnection } from './complete-ads-connection';
import { completeBusinessConnection } from './complete-business-connection';
import { completeCreatorConnection } from './complete-creator-connection';
import { ConnectError } from './connect-errors';
import { dashboardUrl } from './connect-urls';
import { consumeOAuthState } from './consume-oauth-state';

export type HandleConnectCallbackOptions = {
  kind: TikTokAccountKind;
  /** The callback's query string as TikTok sent it (already URL-decoded). */
  params: Record<string, string | undefined>;
  userId: string | null;
  ip?: string | null;
};

/**
 * Everything a `/api/connect/<kind>/callback` does, ending in where to send the browser: the
 * dashboard with `connected=` or `error=<code>`, or the advertiser picker. The URL carries result
 * codes and ids only, never the code or a token.
 */
export async function handleConnectCallback(
  db: Db,
  { kind, params, userId, ip }: HandleConnectCallbackOptions,
): Promise<string> {
  try {
    if (params.error) {
      // Burn the attempt so it cannot be replayed, whatever TikTok reported.
      if (params.state) await consumeOAuthState(db, { state: params.state, kind, userId }).catch(() => null);
      throw new ConnectError(params.error === 'access_denied' ? 'access_denied' : 'unexpected_error');
    }
    // The Marketing API calls it `auth_code`; TikTok's other consent page calls it `code`.
    const code = kind === 'ads' ? (params.auth_code ?? params.code) : params.code;
    if (!code || !params.state) throw new ConnectError('missing_parameters');
    const state = await consumeOAuthState(db, { state: params.state, kind, userId });
    if (kind === 'ads') {
      const { attemptId } = await completeAdsConnection(db, { state, authCode: code });
      return dashboardUrl('/accounts/connect/ads', { attempt: attemptId });
    }
    const complete = kind === 'creator' ? completeCreatorConnection : completeBusinessConnection;
    const account = await complete(db, { state, code, ip });
    return dashboardUrl('/accounts', {
      connected: kind,
      account: account.id,
      result: account.created ? 'created' : 'reconnected',
    });
  } catch (error) {
    const connectError = error instanceof ConnectError ? error : new ConnectError('unexpected_error');
    if (connectError.code === 'unexpected_error' || connectError.code === 'profile_failed') {
      logError(`connect ${kind} callback`, error instanceof ConnectError ? (error.cause ?? error) : error);
    }
    return dashboardUrl('/accounts', {
      error: connectError.code,
      kind,
      missing: connectError.missingScopes?.join(','),
    });
  }
}
