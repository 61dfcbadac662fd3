'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
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
  skipped:
    'Disconnected here. Tokdesk could not read this connection’s stored credentials, so it could not revoke access at TikTok: remove Tokdesk in the account’s TikTok settings.',
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
    <div className="flex w-full flex-col gap-2 sm:w-auto sm:items-end">
      <div className="flex flex-wrap gap-2 sm:justify-end">
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
          <ConfirmDialog
            trigger={
              <Button variant="danger" size="sm" aria-label={`Disconnect ${label}`}>
                Disconnect
              </Button>
            }
            title={`Disconnect ${label}?`}
            description="Tokdesk stops posting, reading messages and reporting for it. Its history stays."
            confirmLabel="Disconnect"
            pendingLabel="Disconnecting…"
            action={disconnectAction}
          >
            <WorkspaceIdField />
            <input type="hidden" name="accountId" value={accountId} />
          </ConfirmDialog>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-xs text-destructive-text">
          {error}
        </p>
      ) : null}
      {note ? (
        <p role="status" className="text-xs text-muted-foreground">
          {note}
        </p>
      ) : null}
    </div>
  );
}
