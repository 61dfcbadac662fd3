import { ApiError, apiRoute, CODES, parseJsonArrayParam, requireString, sendOk } from '../business/api-error';
import { parseLooseJson } from '../core/loose-json';
import type { Router } from '../core/router';
import { allAds, type Campaign } from './ad-structure';
import {
  type EntityKindName,
  type EntityPath,
  entityFields,
  fieldNames,
  secondaryStatus,
} from './entity-fields';
import { intParam } from './int-param';
import type { MarketingState } from './marketing-state';
import { requireAdsToken, requireAdvertiserAccess } from './require-ads-token';

const bad = (message: string) => new ApiError(CODES.invalidParam, message);
const MAX_IDS = 100;

/** Filter keys each endpoint takes (the Go SDK's filtering structs, as far as the sandbox goes). */
const FILTERS: Record<EntityKindName, string[]> = {
  campaign: ['campaign_ids', 'campaign_name', 'objective_type', 'secondary_status'],
  adgroup: ['campaign_ids', 'adgroup_ids', 'adgroup_name', 'objective_type', 'secondary_status'],
  ad: ['campaign_ids', 'adgroup_ids', 'ad_ids', 'objective_type', 'secondary_status'],
};
const PREFIX: Record<EntityKindName, string> = { campaign: 'CAMPAIGN', adgroup: 'ADGROUP', ad: 'AD' };

function pathsOf(kind: EntityKindName, campaigns: Campaign[]): EntityPath[] {
  if (kind === 'campaign') return campaigns.map((campaign) => ({ campaign }));
  if (kind === 'adgroup')
    return campaigns.flatMap((campaign) => campaign.adgroups.map((adgroup) => ({ campaign, adgroup })));
  return allAds(campaigns);
}

function parseFilter(kind: EntityKindName, raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  let filter: unknown;
  try {
    filter = parseLooseJson(raw);
  } catch {
    throw bad('filtering: Not a valid JSON object.');
  }
  if (!filter || typeof filter !== 'object' || Array.isArray(filter))
    throw bad('filtering: Must be a JSON object.');
  const record = filter as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!FILTERS[kind].includes(key)) throw bad(`filtering: ${key} is not a valid filter for ${kind}/get.`);
  }
  for (const key of ['campaign_ids', 'adgroup_ids', 'ad_ids']) {
    const ids = record[key];
    if (ids !== undefined && (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_IDS))
      throw bad(`filtering.${key}: Must hold 1 to ${MAX_IDS} ids.`);
  }
  return record;
}

/** Deleted entities are left out unless `secondary_status` asks for them (`*_STATUS_ALL`, `*_STATUS_DELETE`). */
function matches(kind: EntityKindName, path: EntityPath, filter: Record<string, unknown>) {
  const entity = kind === 'campaign' ? path.campaign : kind === 'adgroup' ? path.adgroup : path.ad;
  if (!entity) return false;
  const inList = (key: string, value: string | undefined) => {
    const list = filter[key];
    return !Array.isArray(list) || list.map(String).includes(String(value));
  };
  const wanted = String(filter.secondary_status ?? `${PREFIX[kind]}_STATUS_NOT_DELETE`);
  const actual = secondaryStatus(kind, entity);
  const deleted = actual.endsWith('_STATUS_DELETE');
  const statusOk =
    wanted.endsWith('_STATUS_ALL') || (wanted.endsWith('_STATUS_NOT_DELETE') ? !deleted : wanted === actual);
  const nameFilter = filter[`${kind}_name`];
  const nameOk =
    typeof nameFilter !== 'string' || entity.name.toLowerCase().includes(nameFilter.toLowerCase());
  const objective = filter.objective_type;
  return (
    statusOk &&
    nameOk &&
    (objective === undefined || objective === path.campaign.objective) &&
    inList('campaign_ids', path.campaign.campaignId) &&
    inList('adgroup_ids', path.adgroup?.adgroupId) &&
    inList('ad_ids', path.ad?.adId)
  );
}

/** GET campaign/get/, adgroup/get/, ad/get/: paged lists of an advertiser's entities, newest first. */
export function registerEntityRoutes(router: Router, state: MarketingState) {
  for (const kind of ['campaign', 'adgroup', 'ad'] as const) {
    router.add(
      'GET',
      `/open_api/v1.3/${kind}/get/`,
      { endpoint: `marketing.${kind}.get`, surface: 'business' },
      apiRoute(({ req, res, url, endpoint }) => {
        const token = requireAdsToken(state, req, endpoint);
        const params = url.searchParams;
        const advertiser = requireAdvertiserAccess(state, token, requireString(params, 'advertiser_id'));
        const filter = parseFilter(kind, params.get('filtering'));
        const requested = parseJsonArrayParam(params.get('fields'), 'fields');
        const unknown = requested?.find((f) => !fieldNames(kind).includes(f));
        if (unknown) throw bad(`fields: ${unknown} is not a valid field for ${kind}/get.`);
        const page = intParam(params, 'page', 1, Number.MAX_SAFE_INTEGER);
        const pageSize = intParam(params, 'page_size', 10, 1000);
        const all = pathsOf(kind, advertiser.campaigns)
          .filter((path) => matches(kind, path, filter))
          .map((path) => entityFields(kind, path, advertiser.advertiserId))
          .sort(
            (a, b) =>
              String(b.create_time).localeCompare(String(a.create_time)) ||
              String(b[`${kind}_id`]).localeCompare(String(a[`${kind}_id`])),
          );
        const slice = all.slice((page - 1) * pageSize, page * pageSize);
        sendOk(res, {
          list: requested ? slice.map((row) => Object.fromEntries(requested.map((f) => [f, row[f]]))) : slice,
          page_info: {
            page,
            page_size: pageSize,
            total_number: all.length,
            total_page: Math.ceil(all.length / pageSize),
          },
        });
      }),
    );
  }
}
