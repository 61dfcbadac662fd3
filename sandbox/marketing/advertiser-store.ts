import { seededInt } from '../core/seeded-number';

export type Campaign = { campaignId: string; name: string; objective: string };

export type Advertiser = {
  advertiserId: string;
  name: string;
  currency: string;
  timezone: string;
  country: string;
  company: string;
  balance: number;
  createTimeSeconds: number;
  campaigns: Campaign[];
};

export type NewAdvertiser = Partial<Omit<Advertiser, 'campaigns'>> & { name: string };

const OBJECTIVES = ['REACH', 'TRAFFIC', 'CONVERSIONS'];

/** Three campaigns per advertiser, ids derived from the advertiser id so they survive resets. */
function campaignsFor(advertiserId: string, name: string): Campaign[] {
  return OBJECTIVES.map((objective, i) => ({
    campaignId: `17${seededInt(10_000_000, 99_999_999, advertiserId, 'campaign', i)}${String(i).padStart(8, '0')}`,
    name: `${name} · ${objective.toLowerCase()}`,
    objective,
  }));
}

/** Ad accounts the portal page offers; ids are strings, as every v1.3 id is. */
export class AdvertiserStore {
  private advertisers = new Map<string, Advertiser>();
  private nextId = 7_300_000_000_000_000_001n;

  create(input: NewAdvertiser, nowSeconds: number): Advertiser {
    const advertiserId = input.advertiserId ?? String(this.nextId++);
    const advertiser: Advertiser = {
      advertiserId,
      name: input.name,
      currency: input.currency ?? 'USD',
      timezone: input.timezone ?? 'Etc/GMT',
      country: input.country ?? 'US',
      company: input.company ?? input.name,
      balance: input.balance ?? 1000,
      createTimeSeconds: input.createTimeSeconds ?? nowSeconds - 365 * 86_400,
      campaigns: campaignsFor(advertiserId, input.name),
    };
    this.advertisers.set(advertiserId, advertiser);
    return advertiser;
  }

  get(id: string) {
    return this.advertisers.get(id);
  }

  list() {
    return [...this.advertisers.values()];
  }

  clear() {
    this.advertisers.clear();
    this.nextId = 7_300_000_000_000_000_001n;
  }

  snapshot() {
    return { advertisers: this.list(), nextId: String(this.nextId) };
  }

  restore(data: { advertisers: Advertiser[]; nextId: string }) {
    this.advertisers = new Map(data.advertisers.map((a) => [a.advertiserId, a]));
    this.nextId = BigInt(data.nextId);
  }
}

export const SEED_ADVERTISERS: NewAdvertiser[] = [
  { name: 'Sandbox Shop US', currency: 'USD', timezone: 'America/Los_Angeles', country: 'US', balance: 2500 },
  { name: 'Sandbox Shop EU', currency: 'EUR', timezone: 'Europe/Berlin', country: 'DE', balance: 1800 },
  { name: 'Sandbox Studio JP', currency: 'JPY', timezone: 'Asia/Tokyo', country: 'JP', balance: 350_000 },
];
