import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, listTimeZones, timeZoneSchema } from './time-zones';

describe('time zones', () => {
  it('accepts IANA zones and UTC, in the runtime’s canonical spelling', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Buenos_Aires');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(listTimeZones()).toContain('Asia/Tokyo');
    expect(listTimeZones()[0]).toBe('UTC');
  });

  it('refuses offsets, abbreviations and made-up zones', () => {
    for (const value of ['+05:00', 'CET', 'EST', 'Mars/Olympus', 'Europe/Berlin; drop table', '', 'utc']) {
      expect(canonicalTimeZone(value)).toBeNull();
    }
    expect(timeZoneSchema.safeParse('Nowhere/Town').success).toBe(false);
    expect(timeZoneSchema.parse(' Europe/Paris ')).toBe('Europe/Paris');
  });
});
