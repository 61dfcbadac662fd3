import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/create-db';
import { migrateDb } from '@/lib/db/migrate-db';
import { rowsOf } from '@/lib/db/rows-of';
import { workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createWorkspace } from '@/lib/workspaces/create-workspace';
import { getWorkspaceSettings } from '@/lib/workspaces/get-workspace-settings';
import { updateWorkspaceSettings } from '@/lib/workspaces/update-workspace-settings';
import { slugify } from '@/lib/workspaces/workspace-slug';
import { createTestUser } from '@/tests/factories/create-user';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe('slugify', () => {
  it('keeps Latin letters and digits, folds accents, joins the rest with single hyphens', () => {
    expect(slugify('Café Ünïcorn & Co.')).toBe('cafe-unicorn-co');
    expect(slugify('  --Acme   Social 2026-- ')).toBe('acme-social-2026');
    expect(slugify('東京チーム')).toBe('workspace');
    expect(slugify('AB')).toBe('ab-workspace');
    expect(slugify('x'.repeat(80))).toHaveLength(40);
  });
});

describe.each(TEST_DB_KINDS)('workspace time zone and slug on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('a new workspace gets its name’s slug, the next namesake a number, and the zone it was created with', async () => {
    const user = await createTestUser(db, { workspaceName: 'Slug Test Co', timeZone: 'Asia/Tokyo' });
    const first = await getWorkspaceSettings(db, { workspaceId: user.workspaceId, userId: user.id });
    expect(first).toMatchObject({ slug: 'slug-test-co', timeZone: 'Asia/Tokyo' });
    const second = await db.transaction((tx) =>
      createWorkspace(tx, { userId: user.id, name: 'Slug test co!' }),
    );
    const third = await db.transaction((tx) =>
      createWorkspace(tx, { userId: user.id, name: 'SLUG TEST CO' }),
    );
    expect([second.slug, third.slug]).toEqual(['slug-test-co-2', 'slug-test-co-3']);
    expect(second.timeZone).toBe('UTC');
  });

  it('admins change the zone but not the slug; owners change both; a taken slug is refused', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 1 });
    const admin = team.admins[0]!;
    const scope = { workspaceId: team.workspaceId };
    await updateWorkspaceSettings(db, { ...scope, userId: admin.id, timeZone: 'Europe/Berlin' });
    await expect(
      updateWorkspaceSettings(db, { ...scope, userId: admin.id, slug: 'admins-slug' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const updated = await updateWorkspaceSettings(db, {
      ...scope,
      userId: team.owner.id,
      slug: 'owners-slug',
    });
    expect(updated).toEqual({ timeZone: 'Europe/Berlin', slug: 'owners-slug' });

    const other = await createWorkspaceWithMembers(db);
    await expect(
      updateWorkspaceSettings(db, {
        workspaceId: other.workspaceId,
        userId: other.owner.id,
        slug: 'owners-slug',
      }),
    ).rejects.toMatchObject({ code: 'conflict', fieldErrors: { slug: [expect.any(String)] } });
    await expect(
      updateWorkspaceSettings(db, { workspaceId: team.workspaceId, userId: other.owner.id, timeZone: 'UTC' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the slug migration', () => {
  it('backfills existing workspaces from their names, namesakes and non-Latin names kept unique', async () => {
    const folder = path.join(process.cwd(), 'drizzle');
    const before = mkdtempSync(path.join(tmpdir(), 'tokdesk-migrations-'));
    cpSync(folder, before, { recursive: true });
    const journal = JSON.parse(readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    const cut = journal.entries.findIndex((entry) => entry.tag.endsWith('live_feed_and_workspace_time'));
    writeFileSync(
      path.join(before, 'meta/_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }),
    );
    const handle = await createDb({ pgliteDir: 'memory://' });
    try {
      await migrateDb(handle, before);
      await handle.db.execute(sql`
        insert into workspaces (id, name, created_at) values
          ('w1', 'Acme Social', now() - interval '2 days'),
          ('w2', 'ACME social!', now() - interval '1 day'),
          ('w3', '東京チーム', now())`);
      await migrateDb(handle);
      const rows = rowsOf<{ id: string; slug: string; time_zone: string }>(
        await handle.db.execute(sql`select id, slug, time_zone from workspaces order by id`),
      );
      expect(rows[0]).toEqual({ id: 'w1', slug: 'acme-social', time_zone: 'UTC' });
      expect(rows[1]?.slug).toMatch(/^acme-social-[0-9a-f]{6}$/);
      expect(rows[2]?.slug).toMatch(/^workspace-[0-9a-f]{6}$/);
      const [w1] = await handle.db.select().from(workspaces).where(eq(workspaces.id, 'w1'));
      expect(w1?.slug).toBe('acme-social');
    } finally {
      await handle.close();
      rmSync(before, { recursive: true, force: true });
    }
    // Two PGlite migrations from scratch: slow on a loaded machine.
  }, 120_000);
});
