import 'server-only';
import { z } from 'zod';
import { businessHostGet } from '@/lib/tiktok/http/business-host';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';

const reportSchema = z.object({
  list: z
    .array(
      z.object({
        dimensions: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)),
        metrics: z.record(
          z.string(),
          z.union([z.string(), z.number(), z.null()]).transform((v) => (v === null ? '' : String(v))),
        ),
      }),
    )
    .default([]),
  page_info: z
    .object({ page: z.number(), total_page: z.number().default(0), total_number: z.number().default(0) })
    .optional(),
});

export type IntegratedReportRow = { dimensions: Record<string, string>; metrics: Record<string, string> };

export type GetIntegratedReportOptions = {
  accessToken: string;
  advertiserId: string;
  dataLevel: 'AUCTION_ADVERTISER' | 'AUCTION_CAMPAIGN' | 'AUCTION_ADGROUP' | 'AUCTION_AD';
  dimensions: readonly string[];
  metrics: readonly string[];
  /** Inclusive dates in the advertiser's time zone. */
  startDate: string;
  endDate: string;
  /** Adds `*_status: STATUS_ALL` so deleted entities' delivery is reported too. */
  includeDeleted?: boolean;
  pageSize?: number;
  signal?: AbortSignal;
};

/**
 * `GET report/integrated/get/` (BASIC, AUCTION): every page of one date window. Metric values come
 * as strings (TikTok's decimals); errors such as 40067 (window too large) surface as
 * `TikTokApiError` for the caller to narrow the window.
 */
export async function getIntegratedReport(
  options: GetIntegratedReportOptions,
): Promise<IntegratedReportRow[]> {
  const rows: IntegratedReportRow[] = [];
  const statusField = {
    AUCTION_ADVERTISER: null,
    AUCTION_CAMPAIGN: 'campaign_status',
    AUCTION_ADGROUP: 'adgroup_status',
    AUCTION_AD: 'ad_status',
  }[options.dataLevel];
  const filtering =
    options.includeDeleted && statusField
      ? JSON.stringify([{ field_name: statusField, filter_type: 'IN', filter_value: '["STATUS_ALL"]' }])
      : null;
  for (let page = 1; ; page++) {
    const data = await businessHostGet(
      'marketing',
      'report/integrated/get/',
      options.accessToken,
      {
        advertiser_id: options.advertiserId,
        report_type: 'BASIC',
        service_type: 'AUCTION',
        data_level: options.dataLevel,
        dimensions: JSON.stringify(options.dimensions),
        metrics: JSON.stringify(options.metrics),
        start_date: options.startDate,
        end_date: options.endDate,
        page: String(page),
        page_size: String(options.pageSize ?? 1000),
        ...(filtering ? { filtering } : {}),
      },
      reportSchema,
      { retry: DEFAULT_RETRY, signal: options.signal },
    );
    rows.push(...data.list);
    if (!data.page_info || page >= data.page_info.total_page) return rows;
  }
}
