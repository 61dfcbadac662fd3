import { seededId, seededInt } from '../core/seeded-number';

/** Delivery status of a campaign, ad group or ad; deleted ones keep their history in reports. */
type Lifecycle = {
  createTimeSeconds: number;
  /** When it was deleted (no delivery after), or null. */
  deletedAtSeconds: number | null;
  operationStatus: 'ENABLE' | 'DISABLE';
};

export type Ad = Lifecycle & {
  adId: string;
  name: string;
  adText: string;
  adgroupId: string;
  campaignId: string;
  callToAction: string;
  landingPageUrl: string;
};

export type AdGroup = Lifecycle & {
  adgroupId: string;
  name: string;
  campaignId: string;
  placementType: string;
  optimizationGoal: string;
  billingEvent: string;
  budget: number;
  ads: Ad[];
};

export type Campaign = Lifecycle & {
  campaignId: string;
  name: string;
  objective: string;
  budget: number;
  budgetMode: 'BUDGET_MODE_DAY' | 'BUDGET_MODE_TOTAL' | 'BUDGET_MODE_INFINITE';
  adgroups: AdGroup[];
};

export type StructureShape = { campaigns: number; adgroupsPerCampaign: number; adsPerAdgroup: number };

export const DEFAULT_SHAPE: StructureShape = { campaigns: 3, adgroupsPerCampaign: 2, adsPerAdgroup: 2 };

const OBJECTIVES = ['REACH', 'TRAFFIC', 'CONVERSIONS', 'VIDEO_VIEWS', 'APP_PROMOTION', 'LEAD_GENERATION'];
const GOALS: Record<string, [string, string]> = {
  REACH: ['REACH', 'CPM'],
  TRAFFIC: ['CLICK', 'CPC'],
  CONVERSIONS: ['CONVERT', 'OCPM'],
  VIDEO_VIEWS: ['ENGAGED_VIEW', 'CPV'],
  APP_PROMOTION: ['INSTALL', 'OCPM'],
  LEAD_GENERATION: ['LEAD_GENERATION', 'OCPM'],
};
const DAY_SECONDS = 86_400;

/**
 * Campaigns → ad groups → ads of an advertiser, with ids and names derived from the advertiser id
 * (so they survive resets and restarts), created a few days apart after the advertiser.
 */
export function buildStructure(
  advertiserId: string,
  advertiserName: string,
  createdSeconds: number,
  shape: StructureShape,
): Campaign[] {
  return Array.from({ length: shape.campaigns }, (_, c) => {
    const objective = OBJECTIVES[c % OBJECTIVES.length] ?? 'REACH';
    const [goal, billing] = GOALS[objective] ?? ['REACH', 'CPM'];
    const campaignId = seededId('17', advertiserId, 'campaign', c);
    const created = createdSeconds + c * 2 * DAY_SECONDS + seededInt(0, 3600, campaignId);
    const campaignName = `${advertiserName} · ${objective.toLowerCase().replace('_', ' ')} ${c + 1}`;
    const adgroups = Array.from({ length: shape.adgroupsPerCampaign }, (_, g): AdGroup => {
      const adgroupId = seededId('18', campaignId, 'adgroup', g);
      const ads = Array.from({ length: shape.adsPerAdgroup }, (_, a): Ad => {
        const adId = seededId('19', adgroupId, 'ad', a);
        return {
          adId,
          name: `${campaignName} / set ${g + 1} / ad ${a + 1}`,
          adText: `Sandbox ad ${a + 1}: see what ${advertiserName} has for you`,
          adgroupId,
          campaignId,
          callToAction: a % 2 === 0 ? 'LEARN_MORE' : 'SHOP_NOW',
          landingPageUrl: `https://example.com/sandbox/${adId}`,
          createTimeSeconds: created,
          deletedAtSeconds: null,
          operationStatus: 'ENABLE',
        };
      });
      return {
        adgroupId,
        name: `${campaignName} / set ${g + 1}`,
        campaignId,
        placementType: g % 2 === 0 ? 'PLACEMENT_TYPE_AUTOMATIC' : 'PLACEMENT_TYPE_NORMAL',
        optimizationGoal: goal,
        billingEvent: billing,
        budget: 50 + seededInt(0, 20, adgroupId) * 10,
        ads,
        createTimeSeconds: created,
        deletedAtSeconds: null,
        operationStatus: 'ENABLE',
      };
    });
    return {
      campaignId,
      name: campaignName,
      objective,
      budget: 100 + seededInt(0, 40, campaignId) * 25,
      budgetMode: c % 3 === 2 ? 'BUDGET_MODE_INFINITE' : 'BUDGET_MODE_DAY',
      adgroups,
      createTimeSeconds: created,
      deletedAtSeconds: null,
      operationStatus: 'ENABLE',
    };
  });
}

/** Every ad of an advertiser's campaigns, with its parents. */
export function allAds(campaigns: Campaign[]) {
  return campaigns.flatMap((campaign) =>
    campaign.adgroups.flatMap((adgroup) => adgroup.ads.map((ad) => ({ campaign, adgroup, ad }))),
  );
}

/** Deletes an entity and everything under it; returns false when the id is not in this tree. */
export function deleteEntity(campaigns: Campaign[], id: string, atSeconds: number): boolean {
  const mark = (entity: Lifecycle) => {
    entity.deletedAtSeconds ??= atSeconds;
    entity.operationStatus = 'DISABLE';
  };
  for (const { campaign, adgroup, ad } of allAds(campaigns)) {
    const hit = [campaign.campaignId, adgroup.adgroupId, ad.adId].includes(id);
    if (!hit) continue;
    if (campaign.campaignId === id) mark(campaign);
    if (campaign.campaignId === id || adgroup.adgroupId === id) mark(adgroup);
    mark(ad);
  }
  return allAds(campaigns).some(
    ({ campaign, adgroup, ad }) => campaign.campaignId === id || adgroup.adgroupId === id || ad.adId === id,
  );
}
