import { ApiError } from '../business/api-error';
import { type Ad, type AdGroup, allAds, type Campaign } from './ad-structure';
import type { Advertiser } from './advertiser-store';
import { addTotals, emptyTotals, finalAdDay, scaleTotals, type Totals } from './delivery';
import { dateRange, daysBetween, localTime } from './local-time';
import { formatMetric, isAttribute } from './metric-catalog';
import type { EntityKind, ReportParams, StatusMode } from './report-params';
import { ID_DIMENSION } from './report-params';
import { type ReportSettings, settledShare } from './report-settings';
import { breakdownCells, splitByHour, splitTotals } from './split';

type Leaf = { campaign: Campaign; adgroup: AdGroup; ad: Ad };
type Row = {
  leaf: Leaf;
  entityId: string;
  time: string | null;
  cells: Record<string, string>;
  totals: Totals;
};

const LEVEL_KIND: Record<ReportParams['level'], EntityKind | null> = {
  AUCTION_ADVERTISER: null,
  AUCTION_CAMPAIGN: 'campaign',
  AUCTION_ADGROUP: 'adgroup',
  AUCTION_AD: 'ad',
};

export const REPORT_TOO_LARGE = 40067;
const NO_CELLS: Record<string, string> = {};

function passesStatus(mode: StatusMode | undefined, deleted: boolean) {
  return mode === undefined || mode === 'STATUS_ALL' || (mode === 'STATUS_DELETE') === deleted;
}

/** Ads whose delivery the report covers: id, objective and status filters applied. */
function leavesOf(advertiser: Advertiser, params: ReportParams): Leaf[] {
  const { ids, status, objectives } = params.filters;
  const own = LEVEL_KIND[params.level];
  // By default a report leaves out deleted entities of its own level; STATUS_ALL brings them back.
  const modes = { ...status, ...(own && !status[own] ? { [own]: 'STATUS_NOT_DELETE' as StatusMode } : {}) };
  return allAds(advertiser.campaigns).filter(
    ({ campaign, adgroup, ad }) =>
      (!ids.campaign || ids.campaign.has(campaign.campaignId)) &&
      (!ids.adgroup || ids.adgroup.has(adgroup.adgroupId)) &&
      (!ids.ad || ids.ad.has(ad.adId)) &&
      (!objectives || objectives.has(campaign.objective)) &&
      (params.level === 'AUCTION_ADVERTISER' ||
        (passesStatus(modes.campaign, campaign.deletedAtSeconds !== null) &&
          passesStatus(modes.adgroup, adgroup.deletedAtSeconds !== null) &&
          passesStatus(modes.ad, ad.deletedAtSeconds !== null))),
  );
}

function entityIdOf(leaf: Leaf, advertiser: Advertiser, params: ReportParams): string {
  const kind = LEVEL_KIND[params.level];
  if (kind === 'campaign') return leaf.campaign.campaignId;
  if (kind === 'adgroup') return leaf.adgroup.adgroupId;
  if (kind === 'ad') return leaf.ad.adId;
  return advertiser.advertiserId;
}

function attributesOf(leaf: Leaf, currency: string): Record<string, string> {
  const app = leaf.campaign.objective === 'APP_PROMOTION';
  return {
    currency,
    campaign_name: leaf.campaign.name,
    campaign_id: leaf.campaign.campaignId,
    objective_type: leaf.campaign.objective,
    adgroup_name: leaf.adgroup.name,
    adgroup_id: leaf.adgroup.adgroupId,
    placement_type: leaf.adgroup.placementType,
    promotion_type: app ? 'APP_ANDROID' : 'WEBSITE',
    tt_app_id: '-',
    tt_app_name: '-',
    mobile_app_id: app ? 'com.example.sandbox' : '-',
    dpa_target_audience_type: '-',
    ad_name: leaf.ad.name,
    ad_text: leaf.ad.adText,
  };
}

/**
 * Rows of an integrated report, before paging. Delivery is generated per ad and advertiser-local
 * day, settled late (the last days grow toward final numbers), split into hours and audience cells
 * with exact remainders, then summed up to the report's level: so hours add up to days, days to
 * the lifetime, ads to their ad group, campaign and advertiser, whatever the query.
 */
export function buildReportRows(
  advertiser: Advertiser,
  params: ReportParams,
  nowMs: number,
  settings: ReportSettings,
) {
  const now = localTime(advertiser.timezone, nowMs);
  const born = localTime(advertiser.timezone, advertiser.createTimeSeconds * 1000).date;
  const first = params.start && params.start > born ? params.start : born;
  const last = params.end && params.end < now.date ? params.end : now.date;
  const dates = first <= last ? dateRange(first, last) : [];
  const leaves = leavesOf(advertiser, params);
  const entities = new Set(leaves.map((leaf) => entityIdOf(leaf, advertiser, params)));
  const cellsPerRow = params.breakdowns.reduce(
    (n, dimension) => n * breakdownCells(dimension, advertiser.advertiserId, advertiser.country).length,
    1,
  );
  const estimate = entities.size * dates.length * (params.time === 'stat_time_hour' ? 24 : 1) * cellsPerRow;
  if (estimate > settings.maxQueryRows)
    throw new ApiError(
      REPORT_TOO_LARGE,
      'Too much data requested. Please narrow the time range or the dimensions.',
    );

  const shares = dates.map((date) => settledShare(daysBetween(date, now.date), settings));
  const rows = new Map<string, Row>();
  const add = (leaf: Leaf, time: string | null, totals: Totals) => {
    for (const { cells, totals: part } of splitCells(totals, params.breakdowns, advertiser)) {
      const entityId = entityIdOf(leaf, advertiser, params);
      const key = `${entityId}|${time}|${Object.values(cells).join('|')}`;
      const row = rows.get(key) ?? { leaf, entityId, time, cells, totals: emptyTotals() };
      addTotals(row.totals, part);
      rows.set(key, row);
    }
  };
  for (const leaf of leaves) {
    const created = localTime(advertiser.timezone, leaf.ad.createTimeSeconds * 1000).date;
    const deleted =
      leaf.ad.deletedAtSeconds === null
        ? null
        : localTime(advertiser.timezone, leaf.ad.deletedAtSeconds * 1000).date;
    for (const [d, date] of dates.entries()) {
      if (date < created || (deleted !== null && date > deleted)) continue;
      const final = finalAdDay(leaf.ad.adId, leaf.campaign.objective, advertiser.currency, date);
      const reported = scaleTotals(final, shares[d] ?? 1);
      const today = date === now.date;
      if (params.time === 'stat_time_hour' || today) {
        // Today only has the hours that already began in the advertiser's zone.
        const hours = splitByHour(reported).slice(0, today ? now.hour + 1 : 24);
        if (params.time === 'stat_time_hour') {
          for (const [h, totals] of hours.entries())
            add(leaf, `${date} ${String(h).padStart(2, '0')}:00:00`, totals);
          continue;
        }
        const sum = emptyTotals();
        for (const totals of hours) addTotals(sum, totals);
        add(leaf, params.time ? `${date} 00:00:00` : null, sum);
      } else add(leaf, params.time ? `${date} 00:00:00` : null, reported);
    }
  }

  const list = [...rows.values()].map((row) => {
    const attributes = attributesOf(row.leaf, advertiser.currency);
    const dimensions: Record<string, string | null> = {};
    for (const d of params.dimensions) {
      if (d === ID_DIMENSION[params.level]) dimensions[d] = row.entityId;
      else if (d.startsWith('stat_time_')) dimensions[d] = row.time;
      else dimensions[d] = row.cells[d] ?? null;
    }
    const metrics = Object.fromEntries(
      params.metrics.map((m) => [m, formatMetric(m, row.totals, attributes)]),
    );
    return { dimensions, metrics };
  });
  if (params.order) {
    const { field, desc } = params.order;
    if (!isAttribute(field))
      list.sort((a, b) => (Number(a.metrics[field]) - Number(b.metrics[field])) * (desc ? -1 : 1));
  }
  return list;
}

/** One cell per combination of audience values, splitting the counters exactly. */
function splitCells(totals: Totals, breakdowns: string[], advertiser: Advertiser) {
  if (breakdowns.length === 0) return [{ cells: NO_CELLS, totals }];
  let cells = [{ cells: {} as Record<string, string>, totals }];
  for (const dimension of breakdowns) {
    const values = breakdownCells(dimension, advertiser.advertiserId, advertiser.country);
    cells = cells.flatMap((cell) =>
      splitTotals(
        cell.totals,
        values.map((v) => v.weight),
      ).map((part, i) => ({ cells: { ...cell.cells, [dimension]: values[i]?.value ?? '' }, totals: part })),
    );
  }
  return cells;
}
