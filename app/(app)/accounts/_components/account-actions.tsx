'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { disconnectAccountAction } from '../_actions/disconnect-account-action';
import { refreshProfileAction } from '../_actions/refresh-profile-action';
import { ConnectButton } from './connect-button';

export type AccountActionsProps = {
  accountId: string;
  kind: 'creator' | 'business' | 'ads';
  label: string;
  status: 'active' | 'needs_reconnect' | 'disconnected';
};

const REVOKE_NOTES = {
  revoked: 'Disconnected, and Tokdesk’s access was revoked at TikTok.',
  kept: 'Disconnected here. TikTok access was kept because another connection still uses it.',
  failed:
    'Disconnected here, but TikTok did not confirm the revoke. Remove Tokdesk in the account’s TikTok settings.',
  none: 'Disconnected.',
} as const;

export function AccountActions({ accountId, kind, label, status }: AccountActionsProps) {
  const [refreshResult, refreshAction] = useActionState(refreshProfileAction, null);
  const [disconnectResult, disconnectAction] = useActionState(disconnectAccountAction, null);
  const error =
    (refreshResult && !refreshResult.ok && refreshResult.error) ||
    (disconnectResult && !disconnectResult.ok && disconnectResult.error);
  const note = disconnectResult?.ok ? REVOKE_NOTES[disconnectResult.data.revoke] : null;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        <ConnectButton
          kind={kind}
          label="Reconnect"
          size="sm"
          variant={status === 'active' ? 'secondary' : 'primary'}
        />
        {status === 'active' ? (
          <form action={refreshAction}>
            <WorkspaceIdField />
            <input type="hidden" name="accountId" value={accountId} />
            <SubmitButton
              variant="secondary"
              size="sm"
              pendingText="Refreshing…"
              aria-label={`Refresh profile of ${label}`}
            >
              Refresh profile
            </SubmitButton>
          </form>
        ) : null}
        {status !== 'disconnected' ? (
          <form
            action={disconnectAction}
            onSubmit={(event) => {
              const question = `Disconnect ${label}? Tokdesk stops posting, reading messages and reporting for it. Its history stays.`;
              if (!window.confirm(question)) event.preventDefault();
            }}
          >
            <WorkspaceIdField />
            <input type="hidden" name="accountId" value={accountId} />
            <SubmitButton
              variant="danger"
              size="sm"
              pendingText="Disconnecting…"
              aria-label={`Disconnect ${label}`}
            >
              Disconnect
            </SubmitButton>
          </form>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
      {note ? (
        <p role="status" className="text-xs text-slate-600">
          {note}
        </p>
      ) : null}
    </div>
  );
}
