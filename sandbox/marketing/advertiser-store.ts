import {
  buildStructure,
  type Campaign,
  DEFAULT_SHAPE,
  deleteEntity,
  type StructureShape,
} from './ad-structure';

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

export type NewAdvertiser = Partial<Omit<Advertiser, 'campaigns'>> & {
  name: string;
  shape?: Partial<StructureShape>;
};

const DAY_SECONDS = 86_400;

/** Ad accounts the portal page offers; ids are strings, as every v1.3 id is. */
export class AdvertiserStore {
  private advertisers = new Map<string, Advertiser>();
  private nextId = 7_300_000_000_000_000_001n;

  create(input: NewAdvertiser, nowSeconds: number): Advertiser {
    const advertiserId = input.advertiserId ?? String(this.nextId++);
    const createTimeSeconds = input.createTimeSeconds ?? nowSeconds - 365 * DAY_SECONDS;
    const advertiser: Advertiser = {
      advertiserId,
      name: input.name,
      currency: input.currency ?? 'USD',
      timezone: input.timezone ?? 'Etc/GMT',
      country: input.country ?? 'US',
      company: input.company ?? input.name,
      balance: input.balance ?? 1000,
      createTimeSeconds,
      campaigns: buildStructure(advertiserId, input.name, createTimeSeconds, {
        ...DEFAULT_SHAPE,
        ...input.shape,
      }),
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

  /** Deletes a campaign, ad group or ad (and what is under it) of any advertiser. */
  deleteEntity(id: string, atSeconds: number): Advertiser | null {
    for (const advertiser of this.advertisers.values()) {
      if (deleteEntity(advertiser.campaigns, id, atSeconds)) return advertiser;
    }
    return null;
  }

  clear() {
    this.advertisers.clear();
    this.nextId = 7_300_000_000_000_000_001n;
  }

  snapshot() {
    return { advertisers: this.list(), nextId: String(this.nextId) };
  }

  restore(data: { advertisers: Advertiser[]; nextId: string }) {
    // Snapshots from before ad groups existed hold flat campaigns: rebuild those trees.
    const complete = data.advertisers.map((a) =>
      a.campaigns.every((c) => Array.isArray(c.adgroups))
        ? a
        : { ...a, campaigns: buildStructure(a.advertiserId, a.name, a.createTimeSeconds, DEFAULT_SHAPE) },
    );
    this.advertisers = new Map(complete.map((a) => [a.advertiserId, a]));
    this.nextId = BigInt(data.nextId);
  }
}

export const SEED_ADVERTISERS: NewAdvertiser[] = [
  { name: 'Sandbox Shop US', currency: 'USD', timezone: 'America/Los_Angeles', country: 'US', balance: 2500 },
  { name: 'Sandbox Shop EU', currency: 'EUR', timezone: 'Europe/Berlin', country: 'DE', balance: 1800 },
  { name: 'Sandbox Studio JP', currency: 'JPY', timezone: 'Asia/Tokyo', country: 'JP', balance: 350_000 },
];

/** Each seed also gets a fourth campaign, deleted 20 days ago: reports must still show its history. */
export function seedAdvertisers(store: AdvertiserStore, nowSeconds: number) {
  for (const seed of SEED_ADVERTISERS) {
    const advertiser = store.create({ ...seed, shape: { campaigns: 4 } }, nowSeconds);
    const doomed = advertiser.campaigns[3];
    if (doomed) deleteEntity(advertiser.campaigns, doomed.campaignId, nowSeconds - 20 * DAY_SECONDS);
  }
}
