import { ApiError, CODES, parseJsonArrayParam, requireString } from '../business/api-error';
import { DAY_MS, parseIsoDate } from '../core/seeded-number';

export const BASE_METRICS = ['spend', 'impressions', 'clicks', 'reach', 'conversion'] as const;
export const DERIVED_METRICS = [
  'ctr',
  'cpc',
  'cpm',
  'frequency',
  'cost_per_conversion',
  'conversion_rate',
  'result',
  'cost_per_result',
] as const;
const ATTRIBUTE_METRICS = ['campaign_name', 'currency'];
const SUPPORTED_METRICS: string[] = [...BASE_METRICS, ...DERIVED_METRICS, ...ATTRIBUTE_METRICS];

export type ReportParams = {
  advertiserId: string;
  dataLevel: 'AUCTION_ADVERTISER' | 'AUCTION_CAMPAIGN';
  time: 'stat_time_day' | 'stat_time_hour' | null;
  dimensions: string[];
  metrics: string[];
  /** Inclusive UTC-midnight bounds; null for query_lifetime. */
  startMs: number | null;
  endMs: number | null;
  page: number;
  pageSize: number;
  order: { field: string; desc: boolean } | null;
};

const bad = (message: string) => new ApiError(CODES.invalidParam, message);

function intParam(params: URLSearchParams, field: string, fallback: number, max: number) {
  const raw = params.get(field);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw bad(`${field}: Must be between 1 and ${max}.`);
  return value;
}

/** Date-span rules from the Go SDK: 30 days by day, 1 day by hour, 365 days without a time dimension. */
function dateRange(params: URLSearchParams, time: ReportParams['time']) {
  if (params.get('query_lifetime') === 'true') {
    if (time) throw bad('query_lifetime: Cannot be combined with a time dimension.');
    return { startMs: null, endMs: null };
  }
  const startMs = parseIsoDate(requireString(params, 'start_date'));
  const endMs = parseIsoDate(requireString(params, 'end_date'));
  if (startMs === null || endMs === null) throw bad('start_date/end_date: Must be YYYY-MM-DD.');
  if (endMs < startMs) throw bad('end_date: Must not be earlier than start_date.');
  const maxDays = time === 'stat_time_hour' ? 1 : time === 'stat_time_day' ? 30 : 365;
  if ((endMs - startMs) / DAY_MS + 1 > maxDays)
    throw bad(`The time range can be at most ${maxDays} day(s) for these dimensions.`);
  return { startMs, endMs };
}

export function parseReportParams(params: URLSearchParams): ReportParams {
  const advertiserId = requireString(params, 'advertiser_id');
  const reportType = requireString(params, 'report_type');
  if (reportType !== 'BASIC')
    throw bad(`report_type: ${reportType} is not emulated by the sandbox; use BASIC.`);
  if ((params.get('service_type') ?? 'AUCTION') !== 'AUCTION')
    throw bad('service_type: Only AUCTION is emulated.');
  const dataLevel = requireString(params, 'data_level');
  if (dataLevel !== 'AUCTION_ADVERTISER' && dataLevel !== 'AUCTION_CAMPAIGN')
    throw bad(`data_level: ${dataLevel} is not emulated; use AUCTION_ADVERTISER or AUCTION_CAMPAIGN.`);
  const dimensions = parseJsonArrayParam(params.get('dimensions'), 'dimensions');
  if (!dimensions?.length) throw bad('dimensions: Missing data for required field.');
  const idDimension = dataLevel === 'AUCTION_CAMPAIGN' ? 'campaign_id' : 'advertiser_id';
  const allowed = [idDimension, 'stat_time_day', 'stat_time_hour'];
  const unknown = dimensions.find((d) => !allowed.includes(d));
  if (unknown) throw bad(`dimensions: ${unknown} is not valid for data_level ${dataLevel}.`);
  if (dataLevel === 'AUCTION_CAMPAIGN' && !dimensions.includes('campaign_id'))
    throw bad('dimensions: campaign_id is required for data_level AUCTION_CAMPAIGN.');
  const times = dimensions.filter((d) => d.startsWith('stat_time_'));
  if (times.length > 1) throw bad('dimensions: Use only one of stat_time_day and stat_time_hour.');
  const time = (times[0] ?? null) as ReportParams['time'];
  const metrics = parseJsonArrayParam(params.get('metrics'), 'metrics') ?? ['spend', 'impressions'];
  const badMetric = metrics.find((m) => !SUPPORTED_METRICS.includes(m));
  if (badMetric) throw bad(`metrics: ${badMetric} is not a supported metric.`);
  if (metrics.includes('campaign_name') && dataLevel !== 'AUCTION_CAMPAIGN')
    throw bad('metrics: campaign_name needs data_level AUCTION_CAMPAIGN.');
  const orderField = params.get('order_field');
  const orderType = params.get('order_type') ?? 'DESC';
  if (orderType !== 'ASC' && orderType !== 'DESC') throw bad('order_type: Must be ASC or DESC.');
  if (orderField && !metrics.includes(orderField))
    throw bad('order_field: Must be one of the requested metrics.');
  return {
    advertiserId,
    dataLevel,
    time,
    dimensions,
    metrics,
    ...dateRange(params, time),
    page: intParam(params, 'page', 1, Number.MAX_SAFE_INTEGER),
    pageSize: intParam(params, 'page_size', 10, 1000),
    order: orderField ? { field: orderField, desc: orderType === 'DESC' } : null,
  };
}
