import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyId } from '@/lib/crypto/ciphertext-format';
import { DecryptionError } from '@/lib/crypto/decryption-error';
import type { EncryptedColumn } from '@/lib/crypto/encrypted-columns';
import { createKeyring } from '@/lib/crypto/keyring';
import { rotateEncryptionKeys } from '@/lib/crypto/rotate-encryption-keys';
import { decryptSecret, encryptSecret } from '@/lib/crypto/token-cipher';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

const oldKey = { kid: 'old', key: randomBytes(32) };
const newKey = { kid: 'new', key: randomBytes(32) };
const oldRing = createKeyring([oldKey]);
const rotationRing = createKeyring([newKey, oldKey]);
const newOnlyRing = createKeyring([newKey]);

const TABLE = 'crypto_rotation_fixture';
const accessToken: EncryptedColumn = { table: TABLE, idColumn: 'id', secretColumn: 'access_token' };
const refreshToken: EncryptedColumn = { table: TABLE, idColumn: 'id', secretColumn: 'refresh_token' };
const ROW_IDS = ['a1', 'a2', 'a3', 'a4', 'a5'];

type Row = { id: string; access_token: string | null; refresh_token: string };

function plaintextFor(column: EncryptedColumn, rowId: string) {
  return `${column.secretColumn} for ${rowId} ✓`;
}

function contextFor(column: EncryptedColumn, rowId: string) {
  return { table: column.table, column: column.secretColumn, rowId };
}

describe.each(TEST_DB_KINDS)('rotateEncryptionKeys on %s', (kind) => {
  let testDb: TestDb;

  async function readRows(): Promise<Row[]> {
    const result = await testDb.db.execute(sql.raw(`select * from ${TABLE} order by id`));
    return (Array.isArray(result) ? result : (result as unknown as { rows: Row[] }).rows) as Row[];
  }

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    await testDb.db.execute(
      sql.raw(`create table ${TABLE} (id text primary key, access_token text, refresh_token text not null)`),
    );
    for (const [index, id] of ROW_IDS.entries()) {
      // One row has no access token: null secrets are not rows to rotate.
      const access =
        index === 2
          ? null
          : encryptSecret({
              plaintext: plaintextFor(accessToken, id),
              context: contextFor(accessToken, id),
              keyring: oldRing,
            });
      const refresh = encryptSecret({
        plaintext: plaintextFor(refreshToken, id),
        context: contextFor(refreshToken, id),
        keyring: oldRing,
      });
      await testDb.db.execute(
        sql`insert into ${sql.identifier(TABLE)} (id, access_token, refresh_token) values (${id}, ${access}, ${refresh})`,
      );
    }
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  it('re-encrypts every value under the new key, in batches', async () => {
    const report = await rotateEncryptionKeys({
      db: testDb.db,
      keyring: rotationRing,
      columns: [accessToken, refreshToken],
      batchSize: 2,
    });
    expect(report).toEqual([
      { table: TABLE, column: 'access_token', total: 4, rotated: 4, skipped: 0, failedRowIds: [] },
      { table: TABLE, column: 'refresh_token', total: 5, rotated: 5, skipped: 0, failedRowIds: [] },
    ]);

    const rows = await readRows();
    expect(rows).toHaveLength(ROW_IDS.length);
    for (const row of rows) {
      expect(readKeyId(row.refresh_token)).toBe('new');
      expect(
        decryptSecret({
          ciphertext: row.refresh_token,
          context: contextFor(refreshToken, row.id),
          keyring: newOnlyRing,
        }),
      ).toBe(plaintextFor(refreshToken, row.id));
      if (row.access_token === null) continue;
      expect(
        decryptSecret({
          ciphertext: row.access_token,
          context: contextFor(accessToken, row.id),
          keyring: newOnlyRing,
        }),
      ).toBe(plaintextFor(accessToken, row.id));
    }
  });

  it('keeps each value bound to its row after rotation', async () => {
    const [first, second] = await readRows();
    if (!first || !second) throw new Error('fixture rows missing');
    expect(() =>
      decryptSecret({
        ciphertext: first.refresh_token,
        context: contextFor(refreshToken, second.id),
        keyring: newOnlyRing,
      }),
    ).toThrow(DecryptionError);

    await testDb.db.execute(
      sql`update ${sql.identifier(TABLE)} set access_token = ${first.access_token} where id = ${second.id}`,
    );
    const copied = (await readRows()).find((row) => row.id === second.id);
    expect(() =>
      decryptSecret({
        ciphertext: copied?.access_token ?? '',
        context: contextFor(accessToken, second.id),
        keyring: newOnlyRing,
      }),
    ).toThrow(DecryptionError);

    // A moved value still under the old key is reported by rotation, not laundered under the new one.
    const movedOld = encryptSecret({
      plaintext: 'moved',
      context: contextFor(accessToken, first.id),
      keyring: oldRing,
    });
    await testDb.db.execute(
      sql`update ${sql.identifier(TABLE)} set access_token = ${movedOld} where id = ${second.id}`,
    );
    const flagged = await rotateEncryptionKeys({
      db: testDb.db,
      keyring: rotationRing,
      columns: [accessToken],
    });
    expect(flagged[0]?.failedRowIds).toEqual([second.id]);
    expect((await readRows()).find((row) => row.id === second.id)?.access_token).toContain('.old.');

    // Put the row back as it was so the next test sees a fully rotated table.
    const restored = encryptSecret({
      plaintext: plaintextFor(accessToken, second.id),
      context: contextFor(accessToken, second.id),
      keyring: newOnlyRing,
    });
    await testDb.db.execute(
      sql`update ${sql.identifier(TABLE)} set access_token = ${restored} where id = ${second.id}`,
    );
  });

  it('changes nothing when run a second time', async () => {
    const before = await readRows();
    const report = await rotateEncryptionKeys({
      db: testDb.db,
      keyring: rotationRing,
      columns: [accessToken, refreshToken],
      batchSize: 2,
    });
    expect(report.map(({ rotated, skipped, failedRowIds }) => ({ rotated, skipped, failedRowIds }))).toEqual([
      { rotated: 0, skipped: 4, failedRowIds: [] },
      { rotated: 0, skipped: 5, failedRowIds: [] },
    ]);
    expect(await readRows()).toEqual(before);
  });
});
