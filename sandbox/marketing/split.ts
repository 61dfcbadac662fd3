import { seededUnit } from '../core/seeded-number';
import type { Totals } from './delivery';

/** Delivery peaks in the evening; the weights only shape the curve. */
const HOUR_WEIGHTS = Array.from({ length: 24 }, (_, h) => 1 + 0.8 * Math.sin(((h - 12) / 24) * 2 * Math.PI));

/**
 * Splits every counter over the weights with largest remainders, so the parts add up to exactly
 * the whole: hours to their day, breakdown cells to their row.
 */
export function splitTotals(totals: Totals, weights: number[]): Totals[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => w / sum);
  const parts: Totals[] = weights.map(() => new Array(totals.length).fill(0));
  const fractions = new Array<number>(weights.length);
  for (let m = 0; m < totals.length; m++) {
    const value = totals[m] ?? 0;
    let left = value;
    for (let i = 0; i < shares.length; i++) {
      const exact = value * (shares[i] ?? 0);
      const whole = Math.floor(exact);
      (parts[i] as Totals)[m] = whole;
      fractions[i] = exact - whole;
      left -= whole;
    }
    // Hand the units lost to flooring to the largest remainders (earliest first on ties).
    while (left > 0) {
      let best = 0;
      for (let i = 1; i < fractions.length; i++) if ((fractions[i] ?? 0) > (fractions[best] ?? 0)) best = i;
      (parts[best] as Totals)[m] = ((parts[best] as Totals)[m] ?? 0) + 1;
      fractions[best] = -1;
      left--;
    }
  }
  return parts;
}

export function splitByHour(totals: Totals): Totals[] {
  return splitTotals(totals, HOUR_WEIGHTS);
}

/** Audience and breakdown dimensions with the values TikTok reports for them. */
export const BREAKDOWNS: Record<string, (country: string) => string[]> = {
  gender: () => ['MALE', 'FEMALE', 'NONE'],
  age: () => ['AGE_13_17', 'AGE_18_24', 'AGE_25_34', 'AGE_35_44', 'AGE_45_54', 'AGE_55_100'],
  country_code: (country) => [...new Set([country, 'US', 'GB', 'DE'])].slice(0, 3),
  platform: () => ['ANDROID', 'IPHONE', 'IPAD', 'PC'],
  province_id: () => ['6252001', '5332921', '5128638', '4736286'],
};

/** Cell values and seeded weights for a breakdown, fixed per advertiser so cells add up across ads. */
export function breakdownCells(dimension: string, advertiserId: string, country: string) {
  const values = BREAKDOWNS[dimension]?.(country) ?? [];
  return values.map((value) => ({ value, weight: 0.3 + seededUnit(advertiserId, dimension, value) }));
}
