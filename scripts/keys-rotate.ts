/**
 * Re-encrypts every stored secret under the first key of TOKEN_ENCRYPTION_KEYS.
 *
 * Rotating a key:
 *   1. Generate a key: `openssl rand -base64 32`, and pick a new id (e.g. `k2025b`).
 *   2. Prepend it: TOKEN_ENCRYPTION_KEYS=k2025b:<new>,k2025a:<old>. Deploy. New secrets now use
 *      the new key; old ones stay readable through the old one.
 *   3. Run `npm run keys:rotate` against the production DATABASE_URL. It is safe to re-run and to
 *      interrupt; it exits non-zero while any value could not be re-encrypted.
 *   4. Only after a clean run, remove the old key from TOKEN_ENCRYPTION_KEYS and deploy again.
 *
 * A leaked key is handled the same way, but then also revoke and relink what it protected.
 */
import { ENCRYPTED_COLUMNS } from '@/lib/crypto/encrypted-columns';
import { getKeyring } from '@/lib/crypto/keyring';
import { rotateEncryptionKeys } from '@/lib/crypto/rotate-encryption-keys';
import { createDb } from '@/lib/db/create-db';
import { env } from '@/lib/env';

async function main(): Promise<number> {
  const keyring = getKeyring();
  if (ENCRYPTED_COLUMNS.length === 0) {
    console.log('No encrypted columns are registered; nothing to rotate.');
    return 0;
  }
  const handle = await createDb({ url: env.DATABASE_URL, maxConnections: 2 });
  try {
    console.log(`Re-encrypting under key "${keyring.primary.kid}" (${keyring.keys.size} keys in the ring).`);
    const report = await rotateEncryptionKeys({ db: handle.db, keyring, columns: ENCRYPTED_COLUMNS });
    console.table(
      report.map(({ table, column, total, rotated, skipped, failedRowIds }) => ({
        column: `${table}.${column}`,
        total,
        rotated,
        skipped,
        failed: failedRowIds.length,
      })),
    );
    const failures = report.filter((entry) => entry.failedRowIds.length > 0);
    for (const { table, column, failedRowIds } of failures) {
      console.error(`${table}.${column}: undecryptable rows ${failedRowIds.slice(0, 20).join(', ')}`);
    }
    if (failures.length > 0) {
      console.error('Some values are under a key missing from the ring or damaged; keep the old keys.');
      return 1;
    }
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('keys:rotate failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
