import { describe, expect, it } from 'vitest';
import { loadRateLimits } from './load-rate-limits';

describe('loadRateLimits', () => {
  it('is the documented table when nothing is overridden', () => {
    const table = loadRateLimits();
    expect(table['posting.video-init']).toEqual({ scope: 'token', limit: 6, windowMs: 60_000 });
    expect(table['posting.status-fetch'].limit).toBe(30);
    expect(table['display.video-list'].limit).toBe(600);
    expect(table['business-api.qps']).toEqual({ scope: 'app', limit: 10, windowMs: 1000, spread: true });
    expect(table['business-api.qpm'].limit).toBe(600);
  });

  it('scales every limit uniformly, never below one', () => {
    const table = loadRateLimits({ scale: 0.1 });
    expect(table['display.user-info'].limit).toBe(60);
    expect(table['business-api.qps'].limit).toBe(1);
    expect(table['posting.video-init'].limit).toBe(1);
    expect(loadRateLimits({ scale: 2 })['business-api.qpm'].limit).toBe(1200);
  });

  it('overrides single buckets (a higher Marketing tier), then applies the scale', () => {
    const buckets = JSON.stringify({ 'business-api.qps': 20, 'business-api.qpm': { limit: 1200 } });
    const table = loadRateLimits({ buckets });
    expect(table['business-api.qps'].limit).toBe(20);
    expect(table['business-api.qpm']).toEqual({ scope: 'app', limit: 1200, windowMs: 60_000 });
    expect(loadRateLimits({ buckets, scale: 0.5 })['business-api.qps'].limit).toBe(10);
    expect(
      loadRateLimits({ buckets: '{"display.user-info":{"limit":100,"windowMs":1000}}' })['display.user-info'],
    ).toMatchObject({ limit: 100, windowMs: 1000 });
  });

  it('refuses unknown bucket names, bad shapes and a bad scale with a message naming the variable', () => {
    expect(() => loadRateLimits({ buckets: '{"business.qps":20}' })).toThrow(
      /TIKTOK_RATE_LIMITS.*business\.qps/,
    );
    expect(() => loadRateLimits({ buckets: '{"business-api.qps":0}' })).toThrow(/TIKTOK_RATE_LIMITS/);
    expect(() => loadRateLimits({ buckets: 'qps=20' })).toThrow(/TIKTOK_RATE_LIMITS must be a JSON object/);
    expect(() => loadRateLimits({ scale: 0 })).toThrow(/TIKTOK_RATE_LIMIT_SCALE/);
  });
});
