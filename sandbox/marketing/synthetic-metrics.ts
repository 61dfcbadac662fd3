import { seededInt, seededUnit } from '../core/seeded-number';

export type BaseMetrics = {
  spend: number;
  impressions: number;
  clicks: number;
  reach: number;
  conversion: number;
};

export const ZERO: BaseMetrics = { spend: 0, impressions: 0, clicks: 0, reach: 0, conversion: 0 };

/** Rough exchange factors so JPY and EUR accounts spend plausible amounts. */
const CURRENCY_FACTOR: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 150 };

export function addMetrics(a: BaseMetrics, b: BaseMetrics): BaseMetrics {
  return {
    spend: a.spend + b.spend,
    impressions: a.impressions + b.impressions,
    clicks: a.clicks + b.clicks,
    reach: a.reach + b.reach,
    conversion: a.conversion + b.conversion,
  };
}

/** Delivery peaks in the evening; the weights only shape the curve. */
const HOUR_WEIGHTS = Array.from({ length: 24 }, (_, h) => 1 + 0.8 * Math.sin(((h - 12) / 24) * 2 * Math.PI));
const WEIGHT_SUM = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

/**
 * One hour of one campaign (or advertiser), seeded by entity id and date so every query agrees with
 * every other: a day is the sum of its hours and an advertiser the sum of its campaigns.
 */
export function hourMetrics(entityId: string, date: string, hour: number, currency: string): BaseMetrics {
  const daily = seededInt(3000, 30_000, entityId, date, 'impressions');
  const impressions = Math.round((daily * (HOUR_WEIGHTS[hour] ?? 1)) / WEIGHT_SUM);
  const ctr = 0.008 + 0.02 * seededUnit(entityId, date, 'ctr');
  const cvr = 0.03 + 0.07 * seededUnit(entityId, date, 'cvr');
  const cpm = (4 + 8 * seededUnit(entityId, date, 'cpm')) * (CURRENCY_FACTOR[currency] ?? 1);
  const clicks = Math.round(impressions * ctr);
  return {
    impressions,
    clicks,
    conversion: Math.round(clicks * cvr),
    reach: Math.round(impressions * 0.7),
    spend: Math.round(impressions * cpm * 0.1) / 100,
  };
}

export function dayMetrics(entityId: string, date: string, currency: string, hours = 24): BaseMetrics {
  let total = ZERO;
  for (let h = 0; h < hours; h++) total = addMetrics(total, hourMetrics(entityId, date, h, currency));
  return total;
}

const ratio = (a: number, b: number, scale = 1) => (b === 0 ? 0 : (a / b) * scale);

/** Metric values as TikTok returns them: strings, money and rates with two decimals. */
export function formatMetric(name: string, m: BaseMetrics): string {
  const fixed = (n: number) => n.toFixed(2);
  switch (name) {
    case 'spend':
      return fixed(m.spend);
    case 'impressions':
    case 'clicks':
    case 'reach':
    case 'conversion':
    case 'result':
      return String(m[name === 'result' ? 'conversion' : name]);
    case 'ctr':
      return fixed(ratio(m.clicks, m.impressions, 100));
    case 'cpc':
      return fixed(ratio(m.spend, m.clicks));
    case 'cpm':
      return fixed(ratio(m.spend, m.impressions, 1000));
    case 'frequency':
      return fixed(ratio(m.impressions, m.reach));
    case 'conversion_rate':
      return fixed(ratio(m.conversion, m.clicks, 100));
    default:
      // cost_per_conversion and cost_per_result
      return fixed(ratio(m.spend, m.conversion));
  }
}
