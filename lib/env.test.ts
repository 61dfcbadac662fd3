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
      'Tokdesk cannot start: set AUTH_SECRET, DATABASE_URL, UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN, TOKEN_ENCRYPTION_KEYS, CRON_SECRET, TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET, SMTP_URL, EMAIL_FROM (see .env.example).',
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

  it('never drops mail silently: production needs SMTP unless the outbox is chosen explicitly', () => {
    const { SMTP_URL: _url, EMAIL_FROM: _from, ...withoutMail } = productionEnv();
    expect(() => loadEnv(withoutMail)).toThrow(/set SMTP_URL, EMAIL_FROM/);
    expect(loadEnv({ ...withoutMail, EMAIL_OUTBOX: '1' }).mailTransport).toBe('outbox');
    expect(loadEnv(productionEnv()).mailTransport).toBe('smtp');
    expect(loadEnv({}).mailTransport).toBe('outbox');
    expect(() => loadEnv({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
  });

  it('trusts no forwarded IP header unless proxy hops are configured', () => {
    expect(loadEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(loadEnv({ TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => loadEnv({ TRUSTED_PROXY_HOPS: '-1' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ DATABASE_URL: '' }).isEmbeddedDatabase).toBe(true);
  });

  it('checks the outbound rate-limit settings at start-up', () => {
    expect(loadEnv({}).TIKTOK_RATE_LIMIT_SCALE).toBe(1);
    expect(loadEnv({ TIKTOK_RATE_LIMIT_SCALE: '0.1' }).TIKTOK_RATE_LIMIT_SCALE).toBe(0.1);
    expect(() => loadEnv({ TIKTOK_RATE_LIMITS: 'business-api.qps=20' })).toThrow(
      /TIKTOK_RATE_LIMITS must be a JSON object/,
    );
    expect(() => loadEnv({ TIKTOK_RATE_LIMIT_SCALE: '0' })).toThrow(/TIKTOK_RATE_LIMIT_SCALE/);
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
    SMTP_URL: 'smtps://tokdesk:secret@smtp.example:465',
    EMAIL_FROM: 'Tokdesk <no-reply@tokdesk.example>',
  };
}
