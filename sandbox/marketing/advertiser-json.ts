import type { Advertiser } from './advertiser-store';

/** An advertiser as the control API shows it, with its campaign tree. */
export const advertiserJson = (a: Advertiser) => ({
  advertiserId: a.advertiserId,
  name: a.name,
  currency: a.currency,
  timezone: a.timezone,
  country: a.country,
  company: a.company,
  balance: a.balance,
  createTimeSeconds: a.createTimeSeconds,
  campaigns: a.campaigns,
});
