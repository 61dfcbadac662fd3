import { type Ad, type AdGroup, buildStructure, type Campaign } from './ad-structure';

export type EntityKindName = 'campaign' | 'adgroup' | 'ad';
export type EntityPath = { campaign: Campaign; adgroup?: AdGroup; ad?: Ad };

/** `2024-05-01 12:00:00`, UTC, as the Marketing API writes times. */
const stamp = (seconds: number) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);

const STATUS_PREFIX: Record<EntityKindName, string> = { campaign: 'CAMPAIGN', adgroup: 'ADGROUP', ad: 'AD' };

export function secondaryStatus(
  kind: EntityKindName,
  entity: { deletedAtSeconds: number | null; operationStatus: string },
) {
  const prefix = STATUS_PREFIX[kind];
  if (entity.deletedAtSeconds !== null) return `${prefix}_STATUS_DELETE`;
  if (entity.operationStatus === 'DISABLE') return `${prefix}_STATUS_DISABLE`;
  return kind === 'campaign' ? 'CAMPAIGN_STATUS_ENABLE' : `${prefix}_STATUS_DELIVERY_OK`;
}

function lifecycle(kind: EntityKindName, entity: Campaign | AdGroup | Ad) {
  return {
    operation_status: entity.operationStatus,
    secondary_status: secondaryStatus(kind, entity),
    create_time: stamp(entity.createTimeSeconds),
    modify_time: stamp(entity.deletedAtSeconds ?? entity.createTimeSeconds),
  };
}

/** Every field campaign/get, adgroup/get and ad/get return, per kind (the Go SDK's models, trimmed). */
export function entityFields(
  kind: EntityKindName,
  path: EntityPath,
  advertiserId: string,
): Record<string, unknown> {
  const { campaign, adgroup, ad } = path;
  const base = {
    advertiser_id: advertiserId,
    campaign_id: campaign.campaignId,
    campaign_name: campaign.name,
  };
  if (kind === 'campaign')
    return {
      ...base,
      campaign_type: 'REGULAR_CAMPAIGN',
      objective_type: campaign.objective,
      objective: 'LANDING_PAGE',
      budget: campaign.budget,
      budget_mode: campaign.budgetMode,
      is_new_structure: true,
      is_smart_performance_campaign: false,
      campaign_system_origin: 'TT_ADS_PLATFORM',
      special_industries: [],
      ...lifecycle('campaign', campaign),
    };
  const group = adgroup as AdGroup;
  const groupFields = {
    ...base,
    adgroup_id: group.adgroupId,
    adgroup_name: group.name,
  };
  if (kind === 'adgroup')
    return {
      ...groupFields,
      placement_type: group.placementType,
      placements: ['PLACEMENT_TIKTOK'],
      promotion_type: campaign.objective === 'APP_PROMOTION' ? 'APP_ANDROID' : 'WEBSITE',
      budget: group.budget,
      budget_mode: 'BUDGET_MODE_DAY',
      schedule_type: 'SCHEDULE_FROM_NOW',
      schedule_start_time: stamp(group.createTimeSeconds),
      optimization_goal: group.optimizationGoal,
      billing_event: group.billingEvent,
      bid_type: 'BID_TYPE_NO_BID',
      pacing: 'PACING_MODE_SMOOTH',
      gender: 'GENDER_UNLIMITED',
      age_groups: [],
      location_ids: [],
      ...lifecycle('adgroup', group),
    };
  const item = ad as Ad;
  return {
    ...groupFields,
    ad_id: item.adId,
    ad_name: item.name,
    ad_text: item.adText,
    ad_format: 'SINGLE_VIDEO',
    call_to_action: item.callToAction,
    landing_page_url: item.landingPageUrl,
    display_name: campaign.name.split(' · ')[0],
    identity_type: 'CUSTOMIZED_USER',
    video_id: `v10033g50000${item.adId.slice(-10)}`,
    image_ids: [],
    is_aco: false,
    ...lifecycle('ad', item),
  };
}

const [SAMPLE] = buildStructure('0', 'sample', 0, { campaigns: 1, adgroupsPerCampaign: 1, adsPerAdgroup: 1 });

/** The field names each kind has, for validating `fields`. */
export function fieldNames(kind: EntityKindName): string[] {
  const adgroup = SAMPLE?.adgroups[0];
  const path = { campaign: SAMPLE as Campaign, adgroup, ad: adgroup?.ads[0] };
  return Object.keys(entityFields(kind, path, '0'));
}
