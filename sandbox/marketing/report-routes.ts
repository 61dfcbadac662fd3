import { ApiError, apiRoute, sendOk } from '../business/api-error';
import type { Router } from '../core/router';
import { buildReportRows, REPORT_TOO_LARGE } from './build-report';
import { daysBetween } from './local-time';
import type { MarketingState } from './marketing-state';
import { parseReportParams } from './report-params';
import { checkAdvertiserRate, requireAdsToken, requireAdvertiserAccess } from './require-ads-token';

/** GET report/integrated/get/: synchronous BASIC and AUDIENCE reports over synthetic delivery. */
export function registerReportRoutes(router: Router, state: MarketingState) {
  const meta = { endpoint: 'marketing.report.integrated', surface: 'business' as const };
  router.add(
    'GET',
    '/open_api/v1.3/report/integrated/get/',
    meta,
    apiRoute(({ req, res, url, endpoint }) => {
      const token = requireAdsToken(state, req, endpoint);
      const params = parseReportParams(url.searchParams);
      const advertiser = requireAdvertiserAccess(state, token, params.advertiserId);
      checkAdvertiserRate(state, endpoint, advertiser.advertiserId);
      const { maxSpanDays } = state.reports;
      if (
        maxSpanDays !== null &&
        params.start &&
        params.end &&
        daysBetween(params.start, params.end) + 1 > maxSpanDays
      )
        throw new ApiError(REPORT_TOO_LARGE, 'Too much data requested. Please narrow the time range.');
      const rows = buildReportRows(advertiser, params, state.ctx.clock.nowMs(), state.reports);
      const start = (params.page - 1) * params.pageSize;
      sendOk(res, {
        list: rows.slice(start, start + params.pageSize),
        page_info: {
          page: params.page,
          page_size: params.pageSize,
          total_number: rows.length,
          total_page: Math.ceil(rows.length / params.pageSize),
        },
      });
      // Late-settling numbers move on after each answer when asked to.
      if (state.reports.autoAdvance) state.reports.revision += 1;
    }),
  );
}
