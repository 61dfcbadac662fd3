import { ApiError, CODES, parseJsonArrayParam, requireString } from '../business/api-error';
import { parseLooseJson } from '../core/loose-json';
import { parseIsoDate } from '../core/seeded-number';
import { intParam } from './int-param';
import { daysBetween } from './local-time';
import { type Level, metricProblem } from './metric-catalog';
import { BREAKDOWNS } from './split';

export type StatusMode = 'STATUS_ALL' | 'STATUS_NOT_DELETE' | 'STATUS_DELETE';
export type EntityKind = 'campaign' | 'adgroup' | 'ad';

export type ReportFilters = {
  ids: Partial<Record<EntityKind, Set<string>>>;
  status: Partial<Record<EntityKind, StatusMode>>;
  objectives: Set<string> | null;
};

export type ReportParams = {
  advertiserId: string;
  reportType: 'BASIC' | 'AUDIENCE';
  level: Level;
  time: 'stat_time_day' | 'stat_time_hour' | null;
  breakdowns: string[];
  dimensions: string[];
  metrics: string[];
  /** Inclusive advertiser-local dates; null for query_lifetime. */
  start: string | null;
  end: string | null;
  page: number;
  pageSize: number;
  order: { field: string; desc: boolean } | null;
  filters: ReportFilters;
};

export const ID_DIMENSION: Record<Level, string> = {
  AUCTION_ADVERTISER: 'advertiser_id',
  AUCTION_CAMPAIGN: 'campaign_id',
  AUCTION_ADGROUP: 'adgroup_id',
  AUCTION_AD: 'ad_id',
};
const LEVELS = Object.keys(ID_DIMENSION) as Level[];
const STATUS_FIELDS: Record<string, EntityKind> = {
  campaign_status: 'campaign',
  adgroup_status: 'adgroup',
  ad_status: 'ad',
};
const ID_FIELDS: Record<string, EntityKind> = {
  campaign_ids: 'campaign',
  adgroup_ids: 'adgroup',
  ad_ids: 'ad',
};
const STATUS_MODES: StatusMode[] = ['STATUS_ALL', 'STATUS_NOT_DELETE', 'STATUS_DELETE'];

const bad = (message: string) => new ApiError(CODES.invalidParam, message);

/** Date-span rules from the Go SDK: 30 days by day, 1 day by hour, 365 days without a time dimension. */
function dateRange(params: URLSearchParams, time: ReportParams['time']) {
  if (params.get('query_lifetime') === 'true') {
    if (time) throw bad('query_lifetime: Cannot be combined with a time dimension.');
    return { start: null, end: null };
  }
  const start = requireString(params, 'start_date');
  const end = requireString(params, 'end_date');
  if (parseIsoDate(start) === null || parseIsoDate(end) === null)
    throw bad('start_date/end_date: Must be YYYY-MM-DD.');
  if (end < start) throw bad('end_date: Must not be earlier than start_date.');
  const maxDays = time === 'stat_time_hour' ? 1 : time === 'stat_time_day' ? 30 : 365;
  if (daysBetween(start, end) + 1 > maxDays)
    throw bad(`The time range can be at most ${maxDays} day(s) for these dimensions.`);
  return { start, end };
}

/** `filter_value` arrives as a list, a JSON list in a string (often over-escaped), or one value. */
function filterValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [String(value)];
  const unescaped = value.replace(/\\"/g, '"');
  try {
    const parsed = parseLooseJson(unescaped);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // a single plain value
  }
  return [value];
}

function parseFilters(raw: string | null): ReportFilters {
  const filters: ReportFilters = { ids: {}, status: {}, objectives: null };
  if (!raw) return filters;
  let list: unknown;
  try {
    list = parseLooseJson(raw);
  } catch {
    throw bad('filtering: Not a valid list.');
  }
  if (!Array.isArray(list))
    throw bad('filtering: Must be a list of {field_name, filter_type, filter_value}.');
  for (const item of list as Record<string, unknown>[]) {
    const field = String(item?.field_name ?? '');
    if ((item?.filter_type ?? 'IN') !== 'IN') throw bad(`filtering: ${field} only supports filter_type IN.`);
    const values = filterValues(item?.filter_value);
    if (STATUS_FIELDS[field]) {
      const mode = values.find((v) => STATUS_MODES.includes(v as StatusMode)) as StatusMode | undefined;
      if (!mode) throw bad(`filtering: ${field} takes ${STATUS_MODES.join(', ')}.`);
      filters.status[STATUS_FIELDS[field]] = mode;
    } else if (ID_FIELDS[field]) filters.ids[ID_FIELDS[field]] = new Set(values);
    else if (field === 'objective_type') filters.objectives = new Set(values);
    else throw bad(`filtering: ${field} is not supported.`);
  }
  return filters;
}

export function parseReportParams(params: URLSearchParams): ReportParams {
  const advertiserId = requireString(params, 'advertiser_id');
  const reportType = requireString(params, 'report_type');
  if (reportType !== 'BASIC' && reportType !== 'AUDIENCE')
    throw bad(`report_type: ${reportType} is not emulated by the sandbox; use BASIC or AUDIENCE.`);
  if ((params.get('service_type') ?? 'AUCTION') !== 'AUCTION')
    throw bad('service_type: Only AUCTION is emulated.');
  const level = (params.get('data_level') || 'AUCTION_ADVERTISER') as Level;
  if (!LEVELS.includes(level)) throw bad(`data_level: ${level} is not one of ${LEVELS.join(', ')}.`);
  const dimensions = parseJsonArrayParam(params.get('dimensions'), 'dimensions');
  if (!dimensions?.length) throw bad('dimensions: Missing data for required field.');
  const idDimension = ID_DIMENSION[level];
  const breakdownNames = reportType === 'AUDIENCE' ? Object.keys(BREAKDOWNS) : ['country_code'];
  const unknown = dimensions.find(
    (d) =>
      d !== idDimension && d !== 'stat_time_day' && d !== 'stat_time_hour' && !breakdownNames.includes(d),
  );
  if (unknown) throw bad(`dimensions: ${unknown} is not valid for a ${reportType} report at ${level}.`);
  if (level !== 'AUCTION_ADVERTISER' && !dimensions.includes(idDimension))
    throw bad(`dimensions: ${idDimension} is required for data_level ${level}.`);
  const times = dimensions.filter((d) => d.startsWith('stat_time_'));
  if (times.length > 1) throw bad('dimensions: Use only one of stat_time_day and stat_time_hour.');
  const breakdowns = dimensions.filter((d) => breakdownNames.includes(d));
  if (reportType === 'AUDIENCE' && breakdowns.length === 0)
    throw bad(`dimensions: AUDIENCE reports need one of ${breakdownNames.join(', ')}.`);
  if (breakdowns.length > 2) throw bad('dimensions: At most two audience dimensions.');
  const time = (times[0] ?? null) as ReportParams['time'];
  const metrics = parseJsonArrayParam(params.get('metrics'), 'metrics') ?? ['spend', 'impressions'];
  for (const metric of metrics) {
    const problem = metricProblem(metric, level);
    if (problem) throw bad(`metrics: ${problem}.`);
  }
  const orderField = params.get('order_field');
  const orderType = params.get('order_type') ?? 'DESC';
  if (orderType !== 'ASC' && orderType !== 'DESC') throw bad('order_type: Must be ASC or DESC.');
  if (orderField && !metrics.includes(orderField))
    throw bad('order_field: Must be one of the requested metrics.');
  return {
    advertiserId,
    reportType,
    level,
    time,
    breakdowns,
    dimensions,
    metrics,
    ...dateRange(params, time),
    page: intParam(params, 'page', 1, Number.MAX_SAFE_INTEGER),
    pageSize: intParam(params, 'page_size', 10, 1000),
    order: orderField ? { field: orderField, desc: orderType === 'DESC' } : null,
    filters: parseFilters(params.get('filtering')),
  };
}
