import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import type { Db } from '@/lib/db/types';
import { changeMemberRole } from '@/lib/workspaces/change-member-role';
import { leaveWorkspace } from '@/lib/workspaces/leave-workspace';
import { type AuditEventView, listAuditEvents } from '@/lib/workspaces/list-audit-events';
import { createTestInvitation } from '@/tests/factories/create-invitation';
import { createTestUser } from '@/tests/factories/create-user';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('listAuditEvents on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('lists the workspace history newest first, in words the log shows', async () => {
    const owner = await createTestUser(db, { name: 'Olga' });
    const invitation = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
    });
    const agent = await createTestUser(db, {
      name: 'Aki',
      email: invitation.email,
      invitationToken: invitation.token,
    });
    await changeMemberRole(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      memberUserId: agent.id,
      role: 'admin',
    });

    const events = await listAuditEvents(db, { workspaceId: owner.workspaceId, userId: owner.id });

    const times = events.map((event) => event.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(events[0]).toMatchObject({
      action: 'member.role_changed',
      description: 'changed a member’s role',
      actorName: 'Olga',
      actorEmail: owner.email,
      targetLabel: agent.email,
      metadata: { from: 'agent', to: 'admin' },
    });
    // Events committed together (sign-up's pair) share a timestamp; compare them as sets.
    expect(new Set(events.slice(1, 3).map((event) => event.action))).toEqual(
      new Set(['invitation.accepted', 'user.signed_up']),
    );
    expect(events[3]).toMatchObject({ action: 'invitation.sent', targetLabel: invitation.email });
    expect(new Set(events.slice(4).map((event) => event.action))).toEqual(
      new Set(['workspace.created', 'user.signed_up']),
    );
  });

  it('includes sign-ins of current members but not of other people', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 2 });
    const [stays, leaves] = team.agents;
    const outsider = await createTestUser(db);
    for (const user of [team.owner, stays!, leaves!, outsider]) {
      await verifyCredentials(db, { email: user.email, password: user.password });
    }
    await leaveWorkspace(db, { workspaceId: team.workspaceId, userId: leaves!.id });

    const events = await listAuditEvents(db, { workspaceId: team.workspaceId, userId: team.owner.id });
    const signIns = events.filter((event) => event.action === 'user.signed_in');

    expect(signIns.map((event) => event.actorEmail).sort()).toEqual([team.owner.email, stays!.email].sort());
    expect(signIns[0]).toMatchObject({ description: 'signed in' });
  });

  it('pages backwards with a cursor without skipping or repeating events', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 3 });
    for (const agent of team.agents) {
      await changeMemberRole(db, {
        workspaceId: team.workspaceId,
        actorUserId: team.owner.id,
        memberUserId: agent.id,
        role: 'admin',
      });
    }
    const all = await listAuditEvents(db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      limit: 200,
    });
    expect(all.length).toBeGreaterThan(6);

    const paged: AuditEventView[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const events = await listAuditEvents(db, {
        workspaceId: team.workspaceId,
        userId: team.owner.id,
        limit: 2,
        cursor,
      });
      expect(events.length).toBeLessThanOrEqual(2);
      if (events.length === 0) break;
      paged.push(...events);
      cursor = events.at(-1)?.cursor;
    }

    expect(paged.map((event) => event.id).sort()).toEqual(all.map((event) => event.id).sort());
  });

  it('pages with a cursor over events in distinct transactions', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    const agent = team.agents[0]!;
    const roles = ['admin', 'agent', 'admin', 'agent'] as const;
    for (const role of roles) {
      await changeMemberRole(db, {
        workspaceId: team.workspaceId,
        actorUserId: team.owner.id,
        memberUserId: agent.id,
        role,
      });
    }
    const first = await listAuditEvents(db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      limit: 2,
    });
    const second = await listAuditEvents(db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      limit: 2,
      cursor: first.at(-1)?.cursor,
    });
    expect([...first, ...second].map((event) => event.metadata.to)).toEqual([
      'agent',
      'admin',
      'agent',
      'admin',
    ]);
  });

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['a year for a timestamp', encode(['2024', 'x'])],
    ['a day that does not exist', encode(['2024-02-30 00:00:00+00', 'x'])],
    ['an hour that does not exist', encode(['2024-01-01 25:00:00+00', 'x'])],
    ['year zero', encode(['0000-01-01 00:00:00+00', 'x'])],
    ['an offset out of range', encode(['2024-01-01 00:00:00+99', 'x'])],
    ['numbers', encode([2024, 1])],
    ['one element', encode(['2024-01-01 00:00:00+00'])],
    ['an object', encode({ createdAt: '2024-01-01', id: 'x' })],
    ['broken JSON', Buffer.from('["2024",').toString('base64url')],
    ['not base64url at all', '%%%not-a-cursor%%%'],
  ])('starts from the newest event for a crafted cursor: %s', async (_what, cursor) => {
    const owner = await createTestUser(db);
    const newest = await listAuditEvents(db, { workspaceId: owner.workspaceId, userId: owner.id });
    const crafted = await listAuditEvents(db, { workspaceId: owner.workspaceId, userId: owner.id, cursor });
    expect(crafted.map((event) => event.id)).toEqual(newest.map((event) => event.id));
  });

  it('takes a well-formed cursor as a position, whatever its id holds (it is a bound parameter)', async () => {
    const owner = await createTestUser(db);
    const cursor = encode(['2999-01-01 00:00:00.123456+05:30', "x') or true --"]);
    const events = await listAuditEvents(db, { workspaceId: owner.workspaceId, userId: owner.id, cursor });
    expect(events.length).toBeGreaterThan(0);
  });
});
