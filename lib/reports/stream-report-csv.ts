import 'server-only';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { getAccountOrThrow } from '@/lib/accounts/get-account-or-throw';
import { reportFiles } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { daysBetween } from './report-dates';

/** A download spans at most a year of daily files. */
export const MAX_DOWNLOAD_DAYS = 366;

export type StreamReportCsvOptions = {
  workspaceId: string;
  userId: string;
  accountId: string;
  from: string;
  to: string;
};

/**
 * One account's stored CSVs for a day or a range, as one CSV streamed file by file from storage
 * (never buffered): the first file whole, the header row of every later file skipped. A single day
 * is byte for byte the stored file. Owners and admins of the account's workspace only.
 */
export async function streamReportCsv(db: Db, storage: ObjectStorage, options: StreamReportCsvOptions) {
  const { workspaceId, userId, accountId, from, to } = options;
  if (to < from) throw new AppError({ code: 'bad_request', message: 'The range ends before it starts.' });
  if (daysBetween(from, to) + 1 > MAX_DOWNLOAD_DAYS)
    throw new AppError({
      code: 'bad_request',
      message: `Download at most ${MAX_DOWNLOAD_DAYS} days at once.`,
    });
  const account = await getAccountOrThrow(db, { workspaceId, accountId, userId, roles: ['owner', 'admin'] });
  const files = await db
    .select({ key: reportFiles.key, day: reportFiles.day })
    .from(reportFiles)
    .where(
      and(
        eq(reportFiles.workspaceId, workspaceId),
        eq(reportFiles.accountId, accountId),
        gte(reportFiles.day, from),
        lte(reportFiles.day, to),
      ),
    )
    .orderBy(asc(reportFiles.day));
  if (files.length === 0)
    throw new AppError({ code: 'not_found', message: 'No report files for this account in that range yet.' });
  const name = `${account.kind}_${(account.username ?? account.id).replace(/[^A-Za-z0-9._-]/g, '_')}_${from}${from === to ? '' : `_${to}`}.csv`;
  let index = 0;
  let reader: AsyncIterator<Buffer> | null = null;
  let skipHeader = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (!reader) {
          const file = files[index];
          if (!file) return controller.close();
          const object = await storage.get(file.key);
          reader = object.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
          skipHeader = index > 0;
          index += 1;
        }
        const next = await reader.next();
        if (next.done) {
          reader = null;
          continue;
        }
        let chunk = Buffer.from(next.value);
        if (skipHeader) {
          const end = chunk.indexOf('\r\n');
          // The header row is short and ASCII: it ends within the first chunk.
          if (end === -1) continue;
          chunk = chunk.subarray(end + 2);
          skipHeader = false;
        }
        if (chunk.length > 0) return controller.enqueue(chunk);
      }
    },
    async cancel() {
      await reader?.return?.();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
