import type { Role } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { changeMemberRole } from '@/lib/workspaces/change-member-role';
import { createTestInvitation } from './create-invitation';
import { createTestUser, type TestUser, uniqueEmail } from './create-user';

export type CreateWorkspaceWithMembersOptions = {
  /** Owners besides the one who signed up and created the workspace. */
  extraOwners?: number;
  admins?: number;
  agents?: number;
};

export type WorkspaceWithMembers = {
  workspaceId: string;
  owner: TestUser;
  extraOwners: TestUser[];
  admins: TestUser[];
  agents: TestUser[];
};

async function addMember(db: Db, workspaceId: string, owner: TestUser, role: Role): Promise<TestUser> {
  const email = uniqueEmail(role);
  const { token } = await createTestInvitation(db, {
    workspaceId,
    actorUserId: owner.id,
    email,
    role: role === 'agent' ? 'agent' : 'admin',
  });
  const member = await createTestUser(db, { email, name: `Test ${role}`, invitationToken: token });
  if (role === 'owner') {
    await changeMemberRole(db, {
      workspaceId,
      actorUserId: owner.id,
      memberUserId: member.id,
      role: 'owner',
    });
  }
  return member;
}

/**
 * A workspace built the way users build one: an owner signs up, then everyone else joins through
 * an invitation (extra owners are promoted afterwards, as invitations cannot grant ownership).
 */
export async function createWorkspaceWithMembers(
  db: Db,
  { extraOwners = 0, admins = 0, agents = 0 }: CreateWorkspaceWithMembersOptions = {},
): Promise<WorkspaceWithMembers> {
  const owner = await createTestUser(db, { name: 'Test owner', workspaceName: 'Test workspace' });
  const { workspaceId } = owner;
  const add = async (count: number, role: Role) => {
    const added: TestUser[] = [];
    for (let i = 0; i < count; i++) added.push(await addMember(db, workspaceId, owner, role));
    return added;
  };
  return {
    workspaceId,
    owner,
    extraOwners: await add(extraOwners, 'owner'),
    admins: await add(admins, 'admin'),
    agents: await add(agents, 'agent'),
  };
}
