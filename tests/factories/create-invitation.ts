import type { Db } from '@/lib/db/types';
import { createInvitation } from '@/lib/invitations/create-invitation';
import { uniqueEmail } from './create-user';

export const TEST_APP_URL = 'http://localhost:3000';

export type CreateTestInvitationOptions = {
  workspaceId: string;
  actorUserId: string;
  email?: string;
  role?: 'admin' | 'agent';
};

/** The secret is the last path segment of `${appUrl}/invite/${token}`. */
export function tokenFromLink(link: string): string {
  const token = link.split('/invite/')[1];
  if (!token) throw new Error(`not an invitation link: ${link}`);
  return token;
}

/** Creates an invitation through the use case and hands back the token from its link. */
export async function createTestInvitation(db: Db, options: CreateTestInvitationOptions) {
  const invitation = await createInvitation(db, {
    workspaceId: options.workspaceId,
    actorUserId: options.actorUserId,
    email: options.email ?? uniqueEmail('invitee'),
    role: options.role ?? 'agent',
    appUrl: TEST_APP_URL,
  });
  return { ...invitation, token: tokenFromLink(invitation.link) };
}
