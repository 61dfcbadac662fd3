import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/types';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';
import { leaveWorkspace } from '@/lib/workspaces/leave-workspace';
import { resolveCurrentWorkspace } from '@/lib/workspaces/resolve-current-workspace';
import { createTestInvitation } from '@/tests/factories/create-invitation';
import { createTestUser } from '@/tests/factories/create-user';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('resolveCurrentWorkspace on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  /** A user with their own workspace who then joined a second one as agent. */
  async function userInTwoWorkspaces() {
    const owner = await createTestUser(db, { workspaceName: 'Joined' });
    const user = await createTestUser(db, { workspaceName: 'Own' });
    const { token } = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email: user.email,
    });
    await acceptInvitation(db, { token, userId: user.id });
    return { user, own: user.workspaceId, joined: owner.workspaceId };
  }

  it('honours the preferred workspace when the user belongs to it', async () => {
    const { user, own, joined } = await userInTwoWorkspaces();
    const { current, all } = await resolveCurrentWorkspace(db, {
      userId: user.id,
      preferredWorkspaceId: joined,
    });
    expect(current).toEqual({ id: joined, name: 'Joined', role: 'agent' });
    expect(all.map((workspace) => workspace.id)).toEqual([own, joined]);
  });

  it('falls back to the first workspace for a foreign, unknown or missing preference', async () => {
    const { user, own } = await userInTwoWorkspaces();
    const stranger = await createTestUser(db);
    for (const preferredWorkspaceId of [stranger.workspaceId, 'nope', null, undefined]) {
      const { current } = await resolveCurrentWorkspace(db, { userId: user.id, preferredWorkspaceId });
      expect(current).toEqual({ id: own, name: 'Own', role: 'owner' });
    }
  });

  it('falls back once the user has left the preferred workspace', async () => {
    const { user, own, joined } = await userInTwoWorkspaces();
    await leaveWorkspace(db, { workspaceId: joined, userId: user.id });
    const { current, all } = await resolveCurrentWorkspace(db, {
      userId: user.id,
      preferredWorkspaceId: joined,
    });
    expect(current?.id).toBe(own);
    expect(all).toHaveLength(1);
  });

  it('is null for a user who left every workspace', async () => {
    const owner = await createTestUser(db);
    const { token, email } = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
    });
    const invited = await createTestUser(db, { email, invitationToken: token });
    await leaveWorkspace(db, { workspaceId: owner.workspaceId, userId: invited.id });

    expect(
      await resolveCurrentWorkspace(db, { userId: invited.id, preferredWorkspaceId: owner.workspaceId }),
    ).toEqual({ current: null, all: [] });
  });
});
