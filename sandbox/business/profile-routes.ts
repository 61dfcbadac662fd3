import type { Router } from '../core/router';
import { DAY_MS, parseIsoDate } from '../core/seeded-number';
import { ApiError, apiRoute, CODES, parseJsonArrayParam, requireString, sendOk } from './api-error';
import type { BusinessState } from './business-state';
import { DAILY_FIELDS, DAILY_SCOPE, dailyRows, PROFILE_FIELD_SCOPES, profileValue } from './profile-fields';
import { requireAccessToken, requireOwnBusinessId, requireScope } from './require-access-token';

const DEFAULT_FIELDS = ['username', 'display_name', 'profile_image'];
const MAX_LOOKBACK_DAYS = 60;

function dateRange(url: URL, todayMs: number) {
  const rawStart = url.searchParams.get('start_date');
  const rawEnd = url.searchParams.get('end_date');
  // Default window: the last 7 complete days, in UTC.
  const endMs = rawEnd ? parseIsoDate(rawEnd) : todayMs - DAY_MS;
  const startMs = rawStart ? parseIsoDate(rawStart) : todayMs - 7 * DAY_MS;
  if (startMs === null || endMs === null)
    throw new ApiError(CODES.invalidParam, 'start_date/end_date: Must be YYYY-MM-DD.');
  if (endMs < startMs) throw new ApiError(CODES.invalidParam, 'end_date: Must not be before start_date.');
  if (startMs < todayMs - MAX_LOOKBACK_DAYS * DAY_MS)
    throw new ApiError(CODES.invalidParam, `start_date: At most ${MAX_LOOKBACK_DAYS} days back.`);
  return { startMs, endMs: Math.min(endMs, todayMs) };
}

/** GET business/get/: profile, totals and daily insights of the token's own business account. */
export function registerProfileRoutes(router: Router, state: BusinessState) {
  const meta = { endpoint: 'business.get', surface: 'business' as const };
  router.add(
    'GET',
    '/open_api/v1.3/business/get/',
    meta,
    apiRoute(({ req, res, url, endpoint }) => {
      const token = requireAccessToken(state, req, endpoint);
      requireOwnBusinessId(token, requireString(url.searchParams, 'business_id'));
      const fields = parseJsonArrayParam(url.searchParams.get('fields'), 'fields') ?? DEFAULT_FIELDS;
      const daily = fields.filter((f) => (DAILY_FIELDS as readonly string[]).includes(f));
      for (const field of fields) {
        const scope = PROFILE_FIELD_SCOPES[field] ?? (daily.includes(field) ? DAILY_SCOPE : undefined);
        if (!scope) throw new ApiError(CODES.invalidParam, `fields: Unsupported field ${field}.`);
        requireScope(token, scope);
      }
      const user = state.ctx.users.get(token.userId);
      if (!user) throw new ApiError(CODES.notFound, 'The business account no longer exists.');
      const data: Record<string, unknown> = {};
      for (const field of fields)
        if (!daily.includes(field)) data[field] = profileValue(user, field, state.ctx.clock.nowMs());
      if (daily.length) {
        const todayMs = Math.floor(state.ctx.clock.nowMs() / DAY_MS) * DAY_MS;
        const { startMs, endMs } = dateRange(url, todayMs);
        data.metrics = dailyRows(user, daily, startMs, endMs);
      }
      sendOk(res, data);
    }),
  );
}
