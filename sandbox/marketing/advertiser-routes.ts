import { ApiError, apiRoute, CODES, parseJsonArrayParam, sendOk } from '../business/api-error';
import type { Router } from '../core/router';
import type { Advertiser } from './advertiser-store';
import type { MarketingState } from './marketing-state';
import { requireAdsToken, requireAdvertiserAccess } from './require-ads-token';

const FIELDS = [
  'advertiser_id',
  'name',
  'currency',
  'timezone',
  'display_timezone',
  'status',
  'role',
  'balance',
  'company',
  'country',
  'create_time',
  'owner_bc_id',
] as const;
const MAX_IDS = 100;

/**
 * `timezone` comes as an `Etc/GMT±N` zone (POSIX sign: Los Angeles is Etc/GMT+8), while
 * `display_timezone` holds the region name; reports are cut in this zone.
 */
function etcZone(zone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(Date.UTC(2024, 0, 15)))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2})/.exec(name ?? '');
  if (!match) return 'Etc/GMT';
  const hours = Number(match[2]);
  return hours === 0 ? 'Etc/GMT' : `Etc/GMT${match[1] === '+' ? '-' : '+'}${hours}`;
}

function fieldValue(a: Advertiser, field: (typeof FIELDS)[number]): unknown {
  const values: Record<(typeof FIELDS)[number], unknown> = {
    advertiser_id: a.advertiserId,
    name: a.name,
    currency: a.currency,
    timezone: etcZone(a.timezone),
    display_timezone: a.timezone,
    status: 'STATUS_ENABLE',
    role: 'ROLE_ADVERTISER',
    balance: a.balance,
    company: a.company,
    country: a.country,
    create_time: a.createTimeSeconds,
    owner_bc_id: '',
  };
  return values[field];
}

export function registerAdvertiserRoutes(router: Router, state: MarketingState) {
  const meta = { endpoint: 'marketing.advertiser.info', surface: 'business' as const };
  router.add(
    'GET',
    '/open_api/v1.3/advertiser/info/',
    meta,
    apiRoute(({ req, res, url, endpoint }) => {
      const token = requireAdsToken(state, req, endpoint);
      const ids = parseJsonArrayParam(url.searchParams.get('advertiser_ids'), 'advertiser_ids');
      if (!ids?.length)
        throw new ApiError(CODES.invalidParam, 'advertiser_ids: Missing data for required field.');
      if (ids.length > MAX_IDS)
        throw new ApiError(40011, `advertiser_ids: At most ${MAX_IDS} ids per request.`);
      const requested = parseJsonArrayParam(url.searchParams.get('fields'), 'fields') ?? [...FIELDS];
      const unknown = requested.find((f) => !(FIELDS as readonly string[]).includes(f));
      if (unknown) throw new ApiError(CODES.invalidParam, `fields: Unsupported field ${unknown}.`);
      const fields = requested as (typeof FIELDS)[number][];
      const list = ids.map((id) => {
        const advertiser = requireAdvertiserAccess(state, token, id);
        return Object.fromEntries(fields.map((f) => [f, fieldValue(advertiser, f)]));
      });
      sendOk(res, { list });
    }),
  );
}
