'use client';

import { useActionState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { revokeInvitationAction } from '../_actions/revoke-invitation-action';

export function InvitationRow({
  invitation,
}: {
  /** `expires` is formatted by the server, in the workspace's time zone. */
  invitation: { id: string; email: string; role: string; expires: string };
}) {
  const [result, formAction] = useActionState(revokeInvitationAction, null);
  return (
    <li className="flex flex-wrap items-center gap-3 py-3">
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900">{invitation.email}</p>
        <p className="text-xs text-slate-500">Expires {invitation.expires}</p>
        {result && !result.ok ? (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {result.error}
          </p>
        ) : null}
      </div>
      <Badge>{invitation.role}</Badge>
      <form action={formAction}>
        <input type="hidden" name="invitationId" value={invitation.id} />
        <Button
          type="submit"
          variant="ghost"
          size="sm"
          aria-label={`Revoke invitation for ${invitation.email}`}
        >
          Revoke
        </Button>
      </form>
    </li>
  );
}
