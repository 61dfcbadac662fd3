import { control, readJson } from '../core/control-json';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import type { StructureShape } from './ad-structure';
import { advertiserJson } from './advertiser-json';
import type { NewAdvertiser } from './advertiser-store';
import type { MarketingState } from './marketing-state';

/** What the control API takes to create an advertiser. */
export type AdvertiserInput = Omit<NewAdvertiser, 'shape' | 'createTimeSeconds'> & {
  campaigns?: number;
  adgroupsPerCampaign?: number;
  adsPerAdgroup?: number;
  /** When the ad account was opened; reports have no rows before (default 365). */
  createdDaysAgo?: number;
};

const LIMITS: Record<string, number> = {
  campaigns: 50,
  adgroupsPerCampaign: 20,
  adsPerAdgroup: 20,
  createdDaysAgo: 3650,
};

export function advertiserProblem(input: AdvertiserInput): string | null {
  for (const [key, max] of Object.entries(LIMITS)) {
    const value = input[key as keyof AdvertiserInput];
    const min = key === 'createdDaysAgo' ? 0 : 1;
    if (
      value !== undefined &&
      !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
    )
      return `${key} must be an integer from ${min} to ${max}`;
  }
  if (input.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: input.timezone });
    } catch {
      return 'timezone must be an IANA zone, e.g. America/New_York';
    }
  }
  return null;
}

export function toNewAdvertiser(input: AdvertiserInput, nowSeconds: number): NewAdvertiser {
  const { campaigns, adgroupsPerCampaign, adsPerAdgroup, createdDaysAgo, ...rest } = input;
  const shape: Partial<StructureShape> = { campaigns, adgroupsPerCampaign, adsPerAdgroup };
  for (const key of Object.keys(shape) as (keyof StructureShape)[])
    if (shape[key] === undefined) delete shape[key];
  return {
    ...rest,
    shape,
    createTimeSeconds: nowSeconds - Math.round((createdDaysAgo ?? 365) * 86_400),
  };
}

/**
 * POST /_sandbox/marketing/advertisers/bulk: many advertisers and one long-term token covering
 * them all (as one advertiser admin authorizing many ad accounts), for report benches.
 */
export function registerBulkAdvertiserRoute(router: Router, state: MarketingState) {
  const { ctx } = state;
  router.add(
    'POST',
    '/_sandbox/marketing/advertisers/bulk',
    control('marketing.advertisers.bulk'),
    async ({ req, res }) => {
      const {
        count = 0,
        namePrefix = 'Bulk advertiser',
        ...shared
      } = await readJson<AdvertiserInput & { count?: number; namePrefix?: string }>(req);
      if (!Number.isInteger(count) || count < 1 || count > 5000)
        return sendJson(res, 400, { error: 'count must be an integer from 1 to 5000' });
      const problem = advertiserProblem({ ...shared, name: namePrefix });
      if (problem) return sendJson(res, 400, { error: problem });
      const now = ctx.clock.nowSeconds();
      const advertisers = Array.from({ length: count }, (_, i) =>
        state.advertisers.create(toNewAdvertiser({ ...shared, name: `${namePrefix} ${i + 1}` }, now), now),
      );
      const app = ctx.config.apps.find((candidate) => candidate.kind === 'marketing');
      if (!app) return sendJson(res, 500, { error: 'no Marketing app configured' });
      const token = state.tokens.issue({
        appId: app.id,
        advertiserIds: advertisers.map((a) => a.advertiserId),
        createdAtMs: ctx.clock.nowMs(),
      });
      sendJson(res, 201, { accessToken: token.accessToken, advertisers: advertisers.map(advertiserJson) });
    },
  );
}
