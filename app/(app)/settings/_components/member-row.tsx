'use client';

import { useActionState } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { NativeSelect } from '@/components/ui/native-select';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { changeRoleAction } from '../_actions/change-role-action';
import { removeMemberAction } from '../_actions/remove-member-action';

type Role = 'owner' | 'admin' | 'agent';

export type MemberRowProps = {
  member: { userId: string; name: string | null; email: string; role: Role };
  isSelf: boolean;
  actorRole: Role;
};

export function MemberRow({ member, isSelf, actorRole }: MemberRowProps) {
  const [roleResult, roleAction] = useActionState(changeRoleAction, null);
  const [removeResult, removeAction] = useActionState(removeMemberAction, null);
  // Admins cannot touch owners; nobody edits themselves here (leaving is separate).
  const canManage = !isSelf && (actorRole === 'owner' || member.role !== 'owner');
  const error =
    (roleResult && !roleResult.ok && roleResult.error) ||
    (removeResult && !removeResult.ok && removeResult.error);
  const label = member.name ?? member.email;
  return (
    <li className="flex flex-wrap items-center gap-3 py-3 first:pt-0 last:pb-0" data-testid="member-row">
      <Avatar name={label} size="sm" />
      <div className="min-w-0 flex-1 basis-40">
        <p className="truncate text-sm font-medium text-foreground">
          {label} {isSelf ? <span className="font-normal text-muted-foreground">(you)</span> : null}
        </p>
        <p className="truncate text-xs text-muted-foreground">{member.email}</p>
        {error ? (
          <p role="alert" className="mt-1 text-xs text-destructive-text">
            {error}
          </p>
        ) : null}
      </div>
      {canManage ? (
        <div className="ml-auto flex items-center gap-2">
          <form action={roleAction}>
            <WorkspaceIdField />
            <input type="hidden" name="memberUserId" value={member.userId} />
            <label className="sr-only" htmlFor={`role-${member.userId}`}>
              Role of {label}
            </label>
            <NativeSelect
              id={`role-${member.userId}`}
              name="role"
              defaultValue={member.role}
              className="h-8 w-28"
              onChange={(event) => event.currentTarget.form?.requestSubmit()}
            >
              {actorRole === 'owner' ? <option value="owner">Owner</option> : null}
              <option value="admin">Admin</option>
              <option value="agent">Agent</option>
            </NativeSelect>
          </form>
          <ConfirmDialog
            trigger={
              <Button variant="danger" size="sm" aria-label={`Remove ${label}`}>
                Remove
              </Button>
            }
            title={`Remove ${label} from this workspace?`}
            description="They lose access at once. Invite them again to bring them back."
            confirmLabel="Remove"
            pendingLabel="Removing…"
            action={removeAction}
          >
            <WorkspaceIdField />
            <input type="hidden" name="memberUserId" value={member.userId} />
          </ConfirmDialog>
        </div>
      ) : (
        <Badge variant={member.role === 'owner' ? 'brand' : 'neutral'} className="capitalize">
          {member.role}
        </Badge>
      )}
    </li>
  );
}
