import 'server-only';
import { connectorFor } from '@/lib/connectors/connectors';
import type { TikTokAccountKind } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { completeConnection } from './complete-connection';
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
 * dashboard with `connected=` or `error=<reason>`, or the account picker. The URL carries result
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
    const code = connectorFor(kind).callbackCode(params);
    if (!code || !params.state) throw new ConnectError('missing_parameters');
    const state = await consumeOAuthState(db, { state: params.state, kind, userId });
    const result = await completeConnection(db, { kind, state, code, ip });
    if (result.outcome === 'pick')
      return dashboardUrl(`/accounts/connect/${kind}`, { attempt: result.attemptId });
    const [account] = result.accounts;
    return dashboardUrl('/accounts', {
      connected: kind,
      account: account?.id,
      result: account?.created ? 'created' : 'reconnected',
    });
  } catch (error) {
    const failure =
      error instanceof ConnectError ? error : new ConnectError('unexpected_error', { cause: error });
    // Our side or TikTok's is broken (not the user's doing): worth an operator's look.
    if (failure.status >= 500) logError(`connect ${kind} callback`, failure.cause ?? failure);
    return dashboardUrl('/accounts', {
      error: failure.reason,
      kind,
      missing: failure.missingScopes?.join(','),
    });
  }
}
