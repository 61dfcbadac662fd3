import { seededStream } from '../core/seeded-number';

type Rule = [name: string, parent: string | null, low: number, high: number];

/**
 * Each counter is a seeded share of its parent (clicks of impressions, p50 of p25 views…), so the
 * funnel stays plausible: no more clicks than impressions, no more completions than plays.
 * Order matters: a parent comes before its children.
 */
const RULES: Rule[] = [
  ['impressions', null, 1500, 12_000],
  ['clicks', 'impressions', 0.008, 0.028],
  ['reach', 'impressions', 0.6, 0.8],
  ['conversion', 'clicks', 0.03, 0.1],
  ['real_time_conversion', 'conversion', 0.9, 1],
  ['video_play_actions', 'impressions', 0.5, 0.8],
  ['video_watched_2s', 'video_play_actions', 0.5, 0.7],
  ['video_watched_6s', 'video_watched_2s', 0.5, 0.7],
  ['video_views_p25', 'video_play_actions', 0.3, 0.5],
  ['video_views_p50', 'video_views_p25', 0.6, 0.8],
  ['video_views_p75', 'video_views_p50', 0.6, 0.8],
  ['video_views_p100', 'video_views_p75', 0.5, 0.8],
  ['video_play_time_ms', 'video_play_actions', 3000, 9000],
  ['video_viewers', 'video_play_actions', 0.7, 0.9],
  ['likes', 'video_play_actions', 0.02, 0.06],
  ['comments', 'likes', 0.05, 0.15],
  ['shares', 'likes', 0.05, 0.2],
  ['follows', 'video_play_actions', 0.002, 0.01],
  ['profile_visits', 'clicks', 0.1, 0.3],
  ['clicks_on_music_disc', 'video_play_actions', 0.001, 0.005],
  ['purchase', 'conversion', 0.3, 0.6],
  ['complete_payment', 'purchase', 0.8, 1],
  ['registration', 'conversion', 0.1, 0.3],
  ['sales_lead', 'conversion', 0.05, 0.2],
  ['total_pageview', 'clicks', 1.2, 2],
  ['onsite_shopping', 'conversion', 0, 0.2],
  ['vta_purchase', 'purchase', 0.1, 0.3],
  ['cta_purchase', 'purchase', 0.7, 0.9],
  ['vta_conversion', 'conversion', 0.1, 0.3],
  ['cta_conversion', 'conversion', 0.7, 0.9],
  ['total_app_event_add_to_cart', 'clicks', 0, 0.05],
  ['engaged_view', 'video_play_actions', 0.1, 0.2],
  ['engaged_view_15s', 'engaged_view', 0.4, 0.6],
  ['paid_engaged_view', 'engaged_view', 0.8, 1],
  ['paid_engaged_view_15s', 'engaged_view_15s', 0.8, 1],
  ['paid_engagement_engaged_view', 'engaged_view', 0.5, 0.7],
  ['paid_engagement_engaged_view_15s', 'engaged_view_15s', 0.5, 0.7],
  ['engaged_view_through_conversions', 'conversion', 0.05, 0.1],
  ['app_install', 'clicks', 0.02, 0.08],
  ['real_time_app_install', 'app_install', 0.9, 1],
];

/** Every additive counter, in storage order. Money is in cents. */
export const COUNTERS = [
  ...RULES.map(([name]) => name),
  'spend_cents',
  'voucher_spend_cents',
  'total_purchase_value_cents',
  'total_onsite_shopping_value_cents',
  'result',
  'real_time_result',
] as const;

const INDEX = new Map<string, number>(COUNTERS.map((name, i) => [name, i]));

/**
 * Counters that add up across hours, days, ads and audience cells, as an array indexed like
 * COUNTERS: reports add thousands of these, and arrays add much faster than keyed objects.
 */
export type Totals = number[];

export function counter(totals: Totals, name: string): number {
  return totals[INDEX.get(name) ?? -1] ?? 0;
}

/** Rough exchange factors so JPY and EUR accounts spend plausible amounts. */
const CURRENCY_FACTOR: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 150 };

/** What "result" counts for each campaign objective (TikTok's optimization-goal result). */
const RESULT_OF: Record<string, string> = {
  REACH: 'reach',
  TRAFFIC: 'clicks',
  CONVERSIONS: 'conversion',
  VIDEO_VIEWS: 'video_watched_6s',
  APP_PROMOTION: 'app_install',
  LEAD_GENERATION: 'sales_lead',
};

const RULE_PARENTS = RULES.map(([, parent]) => (parent === null ? -1 : (INDEX.get(parent) ?? -1)));
const at = (name: string) => INDEX.get(name) ?? -1;

/**
 * The final (settled) numbers of one ad on one advertiser-local date, seeded by ad id and date:
 * every query, at every level, agrees with every other.
 */
export function finalAdDay(adId: string, objective: string, currency: string, date: string): Totals {
  const unit = seededStream(adId, date);
  const t: Totals = new Array(COUNTERS.length).fill(0);
  for (let i = 0; i < RULES.length; i++) {
    const [, , low, high] = RULES[i] as Rule;
    const share = low + (high - low) * unit(i);
    const parent = RULE_PARENTS[i] ?? -1;
    t[i] = parent < 0 ? Math.round(share) : Math.floor((t[parent] ?? 0) * share);
  }
  // Only app campaigns install apps; lead generation converts to leads far more often.
  if (objective !== 'APP_PROMOTION') t[at('app_install')] = t[at('real_time_app_install')] = 0;
  if (objective === 'LEAD_GENERATION') t[at('sales_lead')] = Math.floor(counter(t, 'conversion') * 0.7);
  const money = CURRENCY_FACTOR[currency] ?? 1;
  const extra = RULES.length;
  const spend = Math.round((counter(t, 'impressions') * (4 + 8 * unit(extra)) * money) / 10);
  t[at('spend_cents')] = spend;
  t[at('voucher_spend_cents')] = Math.floor(spend * 0.1 * unit(extra + 1));
  t[at('total_purchase_value_cents')] = Math.round(
    counter(t, 'purchase') * (2000 + 6000 * unit(extra + 2)) * money,
  );
  t[at('total_onsite_shopping_value_cents')] = Math.round(
    counter(t, 'onsite_shopping') * (2000 + 6000 * unit(extra + 3)) * money,
  );
  const result = counter(t, RESULT_OF[objective] ?? 'conversion');
  t[at('result')] = result;
  t[at('real_time_result')] = objective === 'CONVERSIONS' ? counter(t, 'real_time_conversion') : result;
  return t;
}

/** The share of every counter reported so far (late settling); floors keep it at or below final. */
export function scaleTotals(totals: Totals, share: number): Totals {
  return share >= 1 ? totals : totals.map((value) => Math.floor(value * share));
}

export function addTotals(into: Totals, add: Totals) {
  for (let i = 0; i < add.length; i++) into[i] = (into[i] ?? 0) + (add[i] ?? 0);
}

export const emptyTotals = (): Totals => new Array(COUNTERS.length).fill(0);
