import { stringify } from 'csv-stringify/sync';
import type { TikTokAccountKind } from '@/lib/db/schema';
import { REPORT_COLUMNS, type ReportRow } from './report-columns';

/**
 * One account's day as RFC 4180 CSV: UTF-8 without BOM, CRLF line ends, a header row, fields quoted
 * only when they contain a comma, quote or line break; empty for unknown values. A day's file is a
 * few hundred rows at most, so it is built in memory; downloads of ranges stream file by file.
 */
export function toReportCsv(kind: TikTokAccountKind, rows: readonly ReportRow[]): string {
  const columns = [...REPORT_COLUMNS[kind]];
  return stringify(
    rows.map((row) => columns.map((column) => row[column] ?? null)),
    { header: true, columns, record_delimiter: 'windows', cast: { number: (value) => String(value) } },
  );
}
