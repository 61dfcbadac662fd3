import type { IncomingMessage } from 'node:http';
import { DEFAULT_CREDENTIALS, findApp, SECRET_PREFIXES } from '../core/config';
import { readBody, sendJson } from '../core/http';
import type { Router } from '../core/router';
import { advertiserJson } from './advertiser-json';
import {
  type AdvertiserInput,
  advertiserProblem,
  registerBulkAdvertiserRoute,
  toNewAdvertiser,
} from './bulk-advertisers';
import type { MarketingState } from './marketing-state';
import { type ReportSettings, reportSettingsProblem } from './report-settings';

const control = (endpoint: string) => ({
  endpoint: `control.marketing.${endpoint}`,
  surface: 'control' as const,
});

async function readJson<T>(req: IncomingMessage): Promise<Partial<T>> {
  const raw = await readBody(req, 1024 * 1024);
  return (raw.length ? JSON.parse(raw.toString('utf8')) : {}) as Partial<T>;
}

export function registerMarketingControlRoutes(router: Router, state: MarketingState) {
  const { ctx } = state;

  router.add('GET', '/_sandbox/marketing/advertisers', control('advertisers'), ({ res }) =>
    sendJson(res, 200, { advertisers: state.advertisers.list().map(advertiserJson) }),
  );

  router.add(
    'POST',
    '/_sandbox/marketing/advertisers',
    control('advertisers.create'),
    async ({ req, res }) => {
      const body = await readJson<AdvertiserInput>(req);
      if (!body.name) return sendJson(res, 400, { error: 'name is required' });
      const input = { ...body, name: body.name };
      if (body.advertiserId && state.advertisers.get(body.advertiserId))
        return sendJson(res, 409, { error: 'advertiserId already exists' });
      const problem = advertiserProblem(input);
      if (problem) return sendJson(res, 400, { error: problem });
      const advertiser = state.advertisers.create(
        toNewAdvertiser(input, ctx.clock.nowSeconds()),
        ctx.clock.nowSeconds(),
      );
      sendJson(res, 201, { advertiser: advertiserJson(advertiser) });
    },
  );

  registerBulkAdvertiserRoute(router, state);

  // Deletes a campaign, ad group or ad (and what is under it) now: reports keep its history.
  router.add(
    'POST',
    '/_sandbox/marketing/entities/:id/delete',
    control('entities.delete'),
    ({ res, params }) => {
      const advertiser = state.advertisers.deleteEntity(params.id ?? '', ctx.clock.nowSeconds());
      if (!advertiser) return sendJson(res, 404, { error: 'no campaign, ad group or ad with this id' });
      sendJson(res, 200, { advertiser: advertiserJson(advertiser) });
    },
  );

  router.add('GET', '/_sandbox/marketing/reports', control('reports'), ({ res }) =>
    sendJson(res, 200, { reports: state.reports }),
  );

  // Late settling (settleDays, revision, advance, autoAdvance) and query limits (40067).
  router.add('POST', '/_sandbox/marketing/reports', control('reports.set'), async ({ req, res }) => {
    const { advance, ...body } = await readJson<Record<string, unknown>>(req);
    const problem = reportSettingsProblem(body);
    if (problem) return sendJson(res, 400, { error: problem });
    if (advance !== undefined && !(Number.isInteger(advance) && (advance as number) >= 0))
      return sendJson(res, 400, { error: 'advance must be a non-negative integer' });
    state.reports = { ...state.reports, ...(body as Partial<ReportSettings>) };
    state.reports.revision += (advance as number | undefined) ?? 0;
    sendJson(res, 200, { reports: state.reports });
  });

  // The advertiser withdraws one ad account from the grant: calls for it answer 40106.
  router.add(
    'POST',
    '/_sandbox/marketing/tokens/remove-advertiser',
    control('tokens.remove-advertiser'),
    async ({ req, res }) => {
      const { accessToken, advertiserId } = await readJson<{ accessToken?: string; advertiserId?: string }>(
        req,
      );
      if (!advertiserId) return sendJson(res, 400, { error: 'advertiserId is required' });
      const tokens = state.tokens.all().filter((t) => !accessToken || t.accessToken === accessToken);
      for (const token of tokens)
        token.advertiserIds = token.advertiserIds.filter((id) => id !== advertiserId);
      sendJson(res, 200, { updated: tokens.length });
    },
  );

  // Skips the portal page: an auth_code for the given advertisers (default: all), as Approve would mint.
  router.add('POST', '/_sandbox/marketing/auth-code', control('auth-code'), async ({ req, res }) => {
    const body = await readJson<{ appId: string; advertiserIds: string[]; redirectUri: string }>(req);
    const app = findApp(ctx.config, 'marketing', body.appId ?? DEFAULT_CREDENTIALS.marketing.id);
    if (!app) return sendJson(res, 404, { error: 'unknown marketing app' });
    const code = ctx.authCodes.issue(
      {
        appKind: 'marketing',
        appId: app.id,
        userId: 'portal-admin',
        scopes: [],
        redirectUri: body.redirectUri ?? app.redirectUris[0] ?? '',
        codeChallenge: null,
        advertiserIds: body.advertiserIds ?? state.advertisers.list().map((a) => a.advertiserId),
        expiresAtMs: ctx.clock.nowMs() + 3600_000,
      },
      SECRET_PREFIXES.adsCode,
    );
    sendJson(res, 201, { authCode: code.code, advertiserIds: code.advertiserIds });
  });

  router.add('GET', '/_sandbox/marketing/tokens', control('tokens'), ({ res }) =>
    sendJson(res, 200, { tokens: state.tokens.all() }),
  );

  // Emulates the advertiser cancelling the authorization: later calls answer 40105.
  router.add(
    'POST',
    '/_sandbox/marketing/tokens/invalidate',
    control('tokens.invalidate'),
    async ({ req, res }) => {
      const { accessToken } = await readJson<{ accessToken: string }>(req);
      const tokens = state.tokens.all().filter((t) => !accessToken || t.accessToken === accessToken);
      for (const token of tokens) token.revoked = true;
      sendJson(res, 200, { invalidated: tokens.length });
    },
  );

  // Shorthand for the Marketing rules of /_sandbox/rate-limits; null switches one off.
  router.add('POST', '/_sandbox/marketing/rate-limit', control('rate-limit'), async ({ req, res }) => {
    const body = await readJson<Record<'qps' | 'qpm' | 'reportQpsPerAdvertiser', number | null>>(req);
    const ids = {
      qps: 'marketing.app.qps',
      qpm: 'marketing.app.qpm',
      reportQpsPerAdvertiser: 'marketing.report.advertiser',
    };
    const patches = Object.entries(ids)
      .filter(([key]) => key in body)
      .map(([key, id]) => {
        const limit = body[key as keyof typeof ids];
        return limit === null || limit === undefined ? { id, enabled: false } : { id, limit, enabled: true };
      });
    const problem = ctx.rateLimits.update(patches);
    if (problem) return sendJson(res, 400, { error: problem });
    sendJson(res, 200, ctx.rateLimits.view());
  });
}
