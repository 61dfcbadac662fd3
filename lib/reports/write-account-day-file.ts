import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { reportFiles, type TikTokAccount } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { buildDayRows } from './build-day-rows';
import { buildReportKey } from './report-key';
import { toReportCsv } from './to-report-csv';

export type WriteDayFileOptions = {
  workspaceId: string;
  slug: string;
  keyTemplate: string | null;
  account: Pick<TikTokAccount, 'id' | 'kind' | 'tiktokId' | 'username'>;
  day: string;
};

/**
 * Writes one account's CSV for one day and records it for the day's manifest. A file whose bytes
 * would not change is left alone (reruns rewrite nothing); a changed one replaces the object in
 * one PUT, which readers see atomically. Returns the row count.
 */
export async function writeAccountDayFile(db: Db, storage: ObjectStorage, options: WriteDayFileOptions) {
  const { workspaceId, account, day } = options;
  const rows = await buildDayRows(db, account, day);
  const csv = Buffer.from(toReportCsv(account.kind, rows), 'utf8');
  const sha256 = createHash('sha256').update(csv).digest('hex');
  const key = buildReportKey(options.keyTemplate, {
    slug: options.slug,
    kind: account.kind,
    accountId: account.id,
    username: account.username,
    date: day,
  });
  const [existing] = await db
    .select()
    .from(reportFiles)
    .where(and(eq(reportFiles.accountId, account.id), eq(reportFiles.day, day)));
  if (existing && existing.key === key && existing.sha256 === sha256 && (await storage.head(key))) {
    return { rows: rows.length, written: false };
  }
  await storage.put(key, csv, { contentType: 'text/csv; charset=utf-8' });
  const values = {
    workspaceId,
    accountId: account.id,
    day,
    key,
    rows: rows.length,
    bytes: csv.length,
    sha256,
  };
  await db
    .insert(reportFiles)
    .values(values)
    .onConflictDoUpdate({
      target: [reportFiles.accountId, reportFiles.day],
      set: { ...values, writtenAt: new Date() },
    });
  // The template changed since the last write: the old object would be listed nowhere.
  if (existing && existing.key !== key) await storage.delete(existing.key);
  return { rows: rows.length, written: true };
}
