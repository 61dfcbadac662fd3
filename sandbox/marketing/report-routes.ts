import { apiRoute, sendOk } from '../business/api-error';
import type { Router } from '../core/router';
import { buildReportRows } from './build-report';
import type { MarketingState } from './marketing-state';
import { parseReportParams } from './report-params';
import { checkAdvertiserRate, requireAdsToken, requireAdvertiserAccess } from './require-ads-token';

/** GET report/integrated/get/: synchronous BASIC reports over deterministic synthetic delivery. */
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
      const rows = buildReportRows(advertiser, params, state.ctx.clock.nowMs());
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
    }),
  );
}
