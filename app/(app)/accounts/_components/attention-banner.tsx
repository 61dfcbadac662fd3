import { Alert, AlertDescription } from '@/components/ui/alert';
import { describeTokenExpiry } from '@/lib/accounts/describe-token-expiry';
import type { TikTokAccountView } from '@/lib/accounts/list-tiktok-accounts';

const label = (account: TikTokAccountView) =>
  account.username ? `@${account.username}` : (account.displayName ?? account.tiktokId);

/** Names every account that stopped working or is about to, so none dies silently. */
export function AttentionBanner({ accounts, now }: { accounts: TikTokAccountView[]; now: Date }) {
  const broken = accounts.filter((account) => account.status === 'needs_reconnect');
  const expiring = accounts.filter(
    (account) => account.status === 'active' && describeTokenExpiry({ ...account, now }).urgent,
  );
  if (broken.length === 0 && expiring.length === 0) return null;
  return (
    <Alert variant="warning" role="alert" data-testid="reconnect-banner" className="mb-6">
      <AlertDescription className="space-y-1">
        {broken.length > 0 ? (
          <p>
            <strong>Reconnect needed:</strong> {broken.map(label).join(', ')}{' '}
            {broken.length === 1 ? 'has' : 'have'} stopped working. Use Reconnect below; history is kept.
          </p>
        ) : null}
        {expiring.length > 0 ? (
          <p>
            <strong>Expiring soon:</strong>{' '}
            {expiring
              .map((account) => `${label(account)} (${describeTokenExpiry({ ...account, now }).refresh})`)
              .join(', ')}
            .
          </p>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
