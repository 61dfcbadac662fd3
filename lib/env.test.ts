import { describe, expect, it } from 'vitest';
import { loadEnv } from './env';

const KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('loadEnv', () => {
  it('runs in development with nothing set: embedded database, sandbox URLs', () => {
    const env = loadEnv({});
    expect(env.isEmbeddedDatabase).toBe(true);
    expect(env.TIKTOK_OPEN_API_BASE_URL).toBe('http://localhost:4010');
    expect(env.APP_URL).toBe('http://localhost:3000');
  });

  it('names every missing variable in one message in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', APP_URL: 'https://tokdesk.example' })).toThrow(
      'Tokdesk cannot start: set AUTH_SECRET, DATABASE_URL, UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN, TOKEN_ENCRYPTION_KEYS, CRON_SECRET, TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET (see .env.example).',
    );
  });

  it('asks for the other half of a half-set pair and for S3 on Vercel', () => {
    const base = productionEnv();
    expect(() => loadEnv({ ...base, TIKTOK_ADS_APP_ID: '123', VERCEL: '1' })).toThrow(
      /set TIKTOK_ADS_APP_SECRET, S3_BUCKET/,
    );
  });

  it('points at the real TikTok hosts in production', () => {
    const env = loadEnv(productionEnv());
    expect(env.TIKTOK_AUTH_BASE_URL).toBe('https://www.tiktok.com');
    expect(env.isEmbeddedDatabase).toBe(false);
  });

  it('refuses the time-travel route in production unless the end-to-end stack runs it', () => {
    expect(() => loadEnv({ ...productionEnv(), TIME_TRAVEL: '1' })).toThrow(/TIME_TRAVEL is for tests/);
    expect(loadEnv({ ...productionEnv(), TIME_TRAVEL: '1', E2E: '1' }).TIME_TRAVEL).toBe('1');
    expect(loadEnv({ TIME_TRAVEL: '1' }).TIME_TRAVEL).toBe('1');
  });

  it('does not demand production values while next build runs', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })).not.toThrow();
  });

  it('rejects malformed values with the variable name', () => {
    expect(() => loadEnv({ TOKEN_ENCRYPTION_KEYS: 'k1:short' })).toThrow(/TOKEN_ENCRYPTION_KEYS must be/);
    expect(() => loadEnv({ APP_URL: 'not a url' })).toThrow(/APP_URL/);
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ DATABASE_URL: '' }).isEmbeddedDatabase).toBe(true);
  });
});

function productionEnv() {
  return {
    NODE_ENV: 'production',
    APP_URL: 'https://tokdesk.example',
    AUTH_SECRET: 'x'.repeat(40),
    DATABASE_URL: 'postgres://u@db.example/tokdesk',
    UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.example',
    UPSTASH_REDIS_REST_TOKEN: 'token',
    TOKEN_ENCRYPTION_KEYS: KEY,
    CRON_SECRET: 'c'.repeat(32),
    TIKTOK_CLIENT_KEY: 'key',
    TIKTOK_CLIENT_SECRET: 'secret',
  };
}
