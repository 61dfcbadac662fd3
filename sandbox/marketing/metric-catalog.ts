import { counter, type Totals } from './delivery';

export type Level = 'AUCTION_ADVERTISER' | 'AUCTION_CAMPAIGN' | 'AUCTION_ADGROUP' | 'AUCTION_AD';

const count = (name: string) => (t: Totals) => String(counter(t, name));
const money = (cents: number) => (cents / 100).toFixed(2);
const ratio = (a: number, b: number, scale = 1) => (b === 0 ? 0 : (a / b) * scale);
const fixed = (n: number) => n.toFixed(2);
const per =
  (num: string, den: string, scale = 1) =>
  (t: Totals) =>
    fixed(ratio(counter(t, num), counter(t, den), scale));
const cost = (den: string) => (t: Totals) => fixed(ratio(counter(t, 'spend_cents') / 100, counter(t, den)));

/**
 * Every metric the sandbox reports, as TikTok writes them: strings, counts as integers, money and
 * rates (percentages) with two decimals, "-" where a metric does not apply. The names are the
 * reference's list plus everything Airbyte's connector requests.
 */
const METRICS: Record<string, (t: Totals) => string> = {
  spend: (t) => money(counter(t, 'spend_cents')),
  cash_spend: (t) => money(counter(t, 'spend_cents') - counter(t, 'voucher_spend_cents')),
  voucher_spend: (t) => money(counter(t, 'voucher_spend_cents')),
  ctr: per('clicks', 'impressions', 100),
  cpc: cost('clicks'),
  cpm: (t) => fixed(ratio(counter(t, 'spend_cents') / 100, counter(t, 'impressions'), 1000)),
  cost_per_1000_reached: (t) => fixed(ratio(counter(t, 'spend_cents') / 100, counter(t, 'reach'), 1000)),
  frequency: per('impressions', 'reach'),
  average_video_play: (t) =>
    fixed(ratio(counter(t, 'video_play_time_ms'), counter(t, 'video_play_actions')) / 1000),
  average_video_play_per_user: (t) =>
    fixed(ratio(counter(t, 'video_play_time_ms'), counter(t, 'video_viewers')) / 1000),
  cost_per_conversion: cost('conversion'),
  conversion_rate: per('conversion', 'clicks', 100),
  real_time_cost_per_conversion: cost('real_time_conversion'),
  real_time_conversion_rate: per('real_time_conversion', 'clicks', 100),
  cost_per_result: cost('result'),
  result_rate: per('result', 'impressions', 100),
  real_time_cost_per_result: cost('real_time_result'),
  real_time_result_rate: per('real_time_result', 'impressions', 100),
  // No campaign here has a secondary goal: TikTok answers "-" for those.
  secondary_goal_result: () => '-',
  cost_per_secondary_goal_result: () => '-',
  secondary_goal_result_rate: () => '-',
  total_purchase_value: (t) => money(counter(t, 'total_purchase_value_cents')),
  total_onsite_shopping_value: (t) => money(counter(t, 'total_onsite_shopping_value_cents')),
  value_per_complete_payment: (t) =>
    fixed(ratio(counter(t, 'total_purchase_value_cents') / 100, counter(t, 'complete_payment'))),
  total_complete_payment_rate: per('complete_payment', 'clicks', 100),
  profile_visits_rate: per('profile_visits', 'impressions', 100),
  purchase_rate: per('purchase', 'clicks', 100),
  registration_rate: per('registration', 'clicks', 100),
  sales_lead_rate: per('sales_lead', 'clicks', 100),
  cost_per_app_install: cost('app_install'),
  real_time_app_install_cost: cost('real_time_app_install'),
  cost_per_purchase: cost('purchase'),
  cost_per_registration: cost('registration'),
  cost_per_sales_lead: cost('sales_lead'),
  cost_per_total_sales_lead: cost('sales_lead'),
  cost_per_total_app_event_add_to_cart: cost('total_app_event_add_to_cart'),
  engagements: (t) =>
    String(
      ['likes', 'comments', 'shares', 'follows', 'profile_visits'].reduce((s, k) => s + counter(t, k), 0),
    ),
};

const COUNTS = [
  'impressions',
  'clicks',
  'reach',
  'conversion',
  'real_time_conversion',
  'result',
  'real_time_result',
  'video_play_actions',
  'video_watched_2s',
  'video_watched_6s',
  'video_views_p25',
  'video_views_p50',
  'video_views_p75',
  'video_views_p100',
  'likes',
  'comments',
  'shares',
  'follows',
  'profile_visits',
  'clicks_on_music_disc',
  'purchase',
  'complete_payment',
  'registration',
  'sales_lead',
  'total_pageview',
  'onsite_shopping',
  'vta_purchase',
  'cta_purchase',
  'vta_conversion',
  'cta_conversion',
  'total_app_event_add_to_cart',
  'engaged_view',
  'engaged_view_15s',
  'paid_engaged_view',
  'paid_engaged_view_15s',
  'paid_engagement_engaged_view',
  'paid_engagement_engaged_view_15s',
  'engaged_view_through_conversions',
  'app_install',
  'real_time_app_install',
];
for (const name of COUNTS) METRICS[name] = count(name);

/** Attribute "metrics": facts about the row's entity, valid from the level that has them. */
const ATTRIBUTES: Record<string, Level[]> = {
  currency: ['AUCTION_ADVERTISER', 'AUCTION_CAMPAIGN', 'AUCTION_ADGROUP', 'AUCTION_AD'],
  campaign_name: ['AUCTION_CAMPAIGN', 'AUCTION_ADGROUP', 'AUCTION_AD'],
  campaign_id: ['AUCTION_CAMPAIGN', 'AUCTION_ADGROUP', 'AUCTION_AD'],
  objective_type: ['AUCTION_CAMPAIGN', 'AUCTION_ADGROUP', 'AUCTION_AD'],
  adgroup_name: ['AUCTION_ADGROUP', 'AUCTION_AD'],
  adgroup_id: ['AUCTION_ADGROUP', 'AUCTION_AD'],
  placement_type: ['AUCTION_ADGROUP', 'AUCTION_AD'],
  promotion_type: ['AUCTION_ADGROUP', 'AUCTION_AD'],
  tt_app_id: ['AUCTION_ADGROUP', 'AUCTION_AD'],
  tt_app_name: ['AUCTION_ADGROUP', 'AUCTION_AD'],
  mobile_app_id: ['AUCTION_ADGROUP', 'AUCTION_AD'],
  dpa_target_audience_type: ['AUCTION_ADGROUP', 'AUCTION_AD'],
  ad_name: ['AUCTION_AD'],
  ad_text: ['AUCTION_AD'],
};

/** Advertiser-level only: how the spend was paid. */
const ADVERTISER_ONLY = new Set(['cash_spend', 'voucher_spend']);

export const ALL_METRICS = [...Object.keys(METRICS), ...Object.keys(ATTRIBUTES)];

/** Why a metric cannot be asked for at this level, or null. */
export function metricProblem(name: string, level: Level): string | null {
  if (ATTRIBUTES[name])
    return ATTRIBUTES[name].includes(level) ? null : `${name} is not available at ${level}`;
  if (!METRICS[name]) return `${name} is not a supported metric`;
  if (ADVERTISER_ONLY.has(name) && level !== 'AUCTION_ADVERTISER')
    return `${name} needs data_level AUCTION_ADVERTISER`;
  return null;
}

export function isAttribute(name: string) {
  return name in ATTRIBUTES;
}

export function formatMetric(name: string, totals: Totals, attributes: Record<string, string>): string {
  if (isAttribute(name)) return attributes[name] ?? '-';
  return METRICS[name]?.(totals) ?? '-';
}
