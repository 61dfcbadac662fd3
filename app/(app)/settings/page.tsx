import type { Metadata } from 'next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { listInvitations } from '@/lib/invitations/list-invitations';
import { formatInZone } from '@/lib/time/format-dates';
import { getWorkspaceSettings } from '@/lib/workspaces/get-workspace-settings';
import { listMembers } from '@/lib/workspaces/list-members';
import { InvitationRow } from './_components/invitation-row';
import { InviteForm } from './_components/invite-form';
import { MemberRow } from './_components/member-row';
import { SettingsTabs } from './_components/settings-tabs';
import { WorkspaceSettingsForm } from './_components/workspace-settings-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const { user, workspace } = requireRoleForPage(await requireWorkspaceForPage('/settings'), [
    'owner',
    'admin',
  ]);
  const db = await getDb();
  const scope = { workspaceId: workspace.id, userId: user.id };
  const [members, invitations, settings] = await Promise.all([
    listMembers(db, scope),
    listInvitations(db, scope),
    getWorkspaceSettings(db, scope),
  ]);
  return (
    <>
      <PageHeader title="Settings" description={`People and history of ${workspace.name}.`} />
      <SettingsTabs active="/settings" />
      <div className="space-y-6">
        <Card>
          <CardHeader>
            <CardTitle>Workspace</CardTitle>
            <CardDescription>Where dates and schedules are set, and how files are named.</CardDescription>
          </CardHeader>
          <CardContent>
            <WorkspaceSettingsForm
              slug={settings.slug}
              timeZone={settings.timeZone}
              canEditSlug={workspace.role === 'owner'}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Invite a teammate</CardTitle>
            <CardDescription>
              Agents answer DMs in the inbox. Admins also connect accounts and change settings.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <InviteForm />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Members ({members.length})</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="divide-y divide-border/70">
              {members.map((member) => (
                <MemberRow
                  key={member.userId}
                  member={member}
                  isSelf={member.userId === user.id}
                  actorRole={workspace.role}
                />
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Pending invitations</CardTitle>
          </CardHeader>
          <CardContent>
            {invitations.length === 0 ? (
              <p className="text-sm text-muted-foreground">No pending invitations.</p>
            ) : (
              <ul className="divide-y divide-border/70">
                {invitations.map((invitation) => (
                  <InvitationRow
                    key={invitation.id}
                    invitation={{
                      ...invitation,
                      expires: formatInZone(invitation.expiresAt, settings.timeZone),
                    }}
                  />
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
