import { DAY_MS, isoDate } from '../core/seeded-number';
import type { Advertiser } from './advertiser-store';
import type { ReportParams } from './report-params';
import {
  addMetrics,
  type BaseMetrics,
  dayMetrics,
  formatMetric,
  hourMetrics,
  ZERO,
} from './synthetic-metrics';

type Entity = { id: string; name: string; campaignIds: string[] };
type Row = { entity: Entity; time: string | null; metrics: BaseMetrics };

/** Today's date and hour in the advertiser's time zone: report dates are advertiser-local. */
function localNow(timeZone: string, nowMs: number) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(nowMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

function entitiesOf(advertiser: Advertiser, params: ReportParams): Entity[] {
  if (params.dataLevel === 'AUCTION_CAMPAIGN')
    return advertiser.campaigns.map((c) => ({ id: c.campaignId, name: c.name, campaignIds: [c.campaignId] }));
  return [
    {
      id: advertiser.advertiserId,
      name: advertiser.name,
      campaignIds: advertiser.campaigns.map((c) => c.campaignId),
    },
  ];
}

function dates(params: ReportParams, advertiser: Advertiser, today: string): string[] {
  const start = params.startMs ?? Math.floor((advertiser.createTimeSeconds * 1000) / DAY_MS) * DAY_MS;
  const end = params.endMs ?? Date.parse(`${today}T00:00:00Z`);
  const out: string[] = [];
  // No data exists for days that have not happened yet in the advertiser's zone.
  for (let day = start; day <= end && isoDate(day) <= today; day += DAY_MS) out.push(isoDate(day));
  return out;
}

function sumCampaigns(entity: Entity, measure: (campaignId: string) => BaseMetrics) {
  return entity.campaignIds.reduce((total, id) => addMetrics(total, measure(id)), ZERO);
}

/** Rows before paging: one per entity and time bucket, or one per entity for the whole range. */
export function buildReportRows(advertiser: Advertiser, params: ReportParams, nowMs: number) {
  const now = localNow(advertiser.timezone, nowMs);
  const hoursOf = (date: string) => (date === now.date ? now.hour + 1 : 24);
  const { currency } = advertiser;
  const rows: Row[] = [];
  for (const entity of entitiesOf(advertiser, params)) {
    for (const date of dates(params, advertiser, now.date)) {
      if (params.time === 'stat_time_hour') {
        for (let h = 0; h < hoursOf(date); h++) {
          const metrics = sumCampaigns(entity, (id) => hourMetrics(id, date, h, currency));
          rows.push({ entity, time: `${date} ${String(h).padStart(2, '0')}:00:00`, metrics });
        }
      } else {
        const metrics = sumCampaigns(entity, (id) => dayMetrics(id, date, currency, hoursOf(date)));
        const last = rows.at(-1);
        if (params.time === null && last?.entity === entity) last.metrics = addMetrics(last.metrics, metrics);
        else rows.push({ entity, time: params.time ? `${date} 00:00:00` : null, metrics });
      }
    }
  }
  const list = rows.map((row) => ({
    dimensions: Object.fromEntries(
      params.dimensions.map((d) => [
        d,
        d === 'advertiser_id' || d === 'campaign_id' ? row.entity.id : row.time,
      ]),
    ),
    metrics: Object.fromEntries(
      params.metrics.map((m) => [
        m,
        m === 'campaign_name' ? row.entity.name : m === 'currency' ? currency : formatMetric(m, row.metrics),
      ]),
    ),
  }));
  if (params.order) {
    const { field, desc } = params.order;
    list.sort((a, b) => (Number(a.metrics[field]) - Number(b.metrics[field])) * (desc ? -1 : 1));
  }
  return list;
}
