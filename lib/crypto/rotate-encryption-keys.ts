import { type Name, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/types';
import { rowsOf } from '../db/rows-of';
import { readKeyId } from './ciphertext-format';
import { isDecryptionError } from './decryption-error';
import { columnContext, type EncryptedColumn } from './encrypted-columns';
import type { Keyring } from './keyring';
import { decryptSecret, encryptSecret } from './token-cipher';

// No `import 'server-only'` here or in the modules above: `npm run keys:rotate` runs this under tsx,
// outside Next, where that import throws.

export type RotateEncryptionKeysOptions = {
  db: Db;
  /** The new key first, every key still in use after it. */
  keyring: Keyring;
  columns: readonly EncryptedColumn[];
  batchSize?: number;
};

export type ColumnRotation = {
  table: string;
  column: string;
  /** Non-null values seen. */
  total: number;
  /** Re-encrypted under the primary key. */
  rotated: number;
  /** Already under the primary key. */
  skipped: number;
  /** Row ids whose value could not be decrypted with any key in the ring; left untouched. */
  failedRowIds: string[];
};

type Row = { id: string; secret: string };

/**
 * Re-encrypts every registered secret under the keyring's primary key, one transaction per batch
 * so a long run neither holds locks on a whole table nor loses finished work when interrupted.
 * Values already under the primary key are left alone, so running it again is a no-op.
 */
export async function rotateEncryptionKeys({
  db,
  keyring,
  columns,
  batchSize = 200,
}: RotateEncryptionKeysOptions): Promise<ColumnRotation[]> {
  const report: ColumnRotation[] = [];
  for (const column of columns) {
    const result: ColumnRotation = {
      table: column.table,
      column: column.secretColumn,
      total: 0,
      rotated: 0,
      skipped: 0,
      failedRowIds: [],
    };
    let cursor: string | null = null;
    do {
      cursor = await db.transaction(async (tx) => {
        const rows = await selectBatch(tx, column, cursor, batchSize);
        for (const row of rows) {
          result.total += 1;
          const outcome = await rotateRow(tx, column, keyring, row);
          if (outcome === 'skipped') result.skipped += 1;
          else if (outcome === 'rotated') result.rotated += 1;
          else result.failedRowIds.push(row.id);
        }
        return rows.length === batchSize ? (rows.at(-1)?.id ?? null) : null;
      });
    } while (cursor !== null);
    report.push(result);
  }
  return report;
}

async function rotateRow(
  tx: Db,
  column: EncryptedColumn,
  keyring: Keyring,
  row: Row,
): Promise<'rotated' | 'skipped' | 'failed'> {
  const context = columnContext(column, row.id);
  try {
    if (readKeyId(row.secret) === keyring.primary.kid) return 'skipped';
    const plaintext = decryptSecret({ ciphertext: row.secret, context, keyring });
    const secret = encryptSecret({ plaintext, context, keyring });
    const { table, idColumn, secretColumn } = identifiers(column);
    const bump = column.versionColumn
      ? sql`, ${sql.identifier(column.versionColumn)} = ${sql.identifier(column.versionColumn)} + 1`
      : sql``;
    await tx.execute(
      sql`update ${table} set ${secretColumn} = ${secret}${bump} where ${idColumn}::text = ${row.id}`,
    );
    return 'rotated';
  } catch (error) {
    if (isDecryptionError(error)) return 'failed';
    throw error;
  }
}

// Ids are compared and ordered as text so any primary key type (uuid, text, serial) pages the same.
async function selectBatch(tx: Db, column: EncryptedColumn, after: string | null, limit: number) {
  const { table, idColumn, secretColumn } = identifiers(column);
  const afterClause = after === null ? sql`` : sql`and ${idColumn}::text > ${after}`;
  const result = await tx.execute(
    sql`select ${idColumn}::text as id, ${secretColumn} as secret from ${table}
        where ${secretColumn} is not null ${afterClause}
        order by ${idColumn}::text limit ${limit} for update`,
  );
  return rowsOf<Row>(result);
}

function identifiers(column: EncryptedColumn): Record<'table' | 'idColumn' | 'secretColumn', Name> {
  return {
    table: sql.identifier(column.table),
    idColumn: sql.identifier(column.idColumn),
    secretColumn: sql.identifier(column.secretColumn),
  };
}
