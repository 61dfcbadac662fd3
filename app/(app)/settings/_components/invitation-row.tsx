'use client';

import { useActionState } from 'react';
import { Badge } from '@/components/ui/badge';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { revokeInvitationAction } from '../_actions/revoke-invitation-action';

export function InvitationRow({
  invitation,
}: {
  /** `expires` is formatted by the server, in the workspace's time zone. */
  invitation: { id: string; email: string; role: string; expires: string };
}) {
  const [result, formAction] = useActionState(revokeInvitationAction, null);
  return (
    <li className="flex flex-wrap items-center gap-3 py-3 first:pt-0 last:pb-0">
      <div className="min-w-0 flex-1 basis-40">
        <p className="truncate text-sm font-medium text-foreground">{invitation.email}</p>
        <p className="text-xs text-muted-foreground">Expires {invitation.expires}</p>
        {result && !result.ok ? (
          <p role="alert" className="mt-1 text-xs text-destructive-text">
            {result.error}
          </p>
        ) : null}
      </div>
      <Badge className="capitalize">{invitation.role}</Badge>
      <form action={formAction}>
        <WorkspaceIdField />
        <input type="hidden" name="invitationId" value={invitation.id} />
        <SubmitButton
          variant="ghost"
          size="sm"
          pendingText="Revoking…"
          aria-label={`Revoke invitation for ${invitation.email}`}
        >
          Revoke
        </SubmitButton>
      </form>
    </li>
  );
}
