import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/create-db';
import { migrateDb } from '@/lib/db/migrate-db';
import { users, workspaces } from '@/lib/db/schema';

describe('embedded database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tokdesk-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its data across a restart, and migrating again changes nothing', async () => {
    const first = await createDb({ pgliteDir: dir });
    await migrateDb(first);
    await first.db.insert(users).values({ email: 'keep@example.test', name: 'Keep' });
    await first.db.insert(workspaces).values({ name: 'Survives restarts' });
    await first.close();

    const second = await createDb({ pgliteDir: dir });
    await migrateDb(second);
    const [user] = await second.db.select().from(users).where(eq(users.email, 'keep@example.test'));
    const all = await second.db.select().from(workspaces);
    await second.close();

    expect(user?.name).toBe('Keep');
    expect(all.map((w) => w.name)).toEqual(['Survives restarts']);
    // Two cold PGlite starts on disk, each applying every migration: slow on a busy 2-core machine.
  }, 120_000);
});
