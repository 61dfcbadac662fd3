'use client';

import { useActionState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
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
    <li className="flex flex-wrap items-center gap-3 py-3" data-testid="member-row">
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900">
          {label} {isSelf ? <span className="text-slate-500">(you)</span> : null}
        </p>
        <p className="truncate text-xs text-slate-500">{member.email}</p>
        {error ? (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {error}
          </p>
        ) : null}
      </div>
      {canManage ? (
        <>
          <form action={roleAction} className="flex items-center gap-2">
            <WorkspaceIdField />
            <input type="hidden" name="memberUserId" value={member.userId} />
            <label className="sr-only" htmlFor={`role-${member.userId}`}>
              Role of {label}
            </label>
            <select
              id={`role-${member.userId}`}
              name="role"
              defaultValue={member.role}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              onChange={(event) => event.currentTarget.form?.requestSubmit()}
            >
              {actorRole === 'owner' ? <option value="owner">Owner</option> : null}
              <option value="admin">Admin</option>
              <option value="agent">Agent</option>
            </select>
          </form>
          <form
            action={removeAction}
            onSubmit={(event) => {
              if (!window.confirm(`Remove ${label} from this workspace?`)) event.preventDefault();
            }}
          >
            <WorkspaceIdField />
            <input type="hidden" name="memberUserId" value={member.userId} />
            <Button type="submit" variant="danger" size="sm" aria-label={`Remove ${label}`}>
              Remove
            </Button>
          </form>
        </>
      ) : (
        <Badge tone={member.role === 'owner' ? 'brand' : 'neutral'}>{member.role}</Badge>
      )}
    </li>
  );
}
