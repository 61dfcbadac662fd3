import { startSandbox } from '../sandbox/server';
import { applyMigrations } from './support/apply-migrations';
import { loadEnvFiles } from './support/load-env-files';
import { type BannerRow, printBanner } from './support/print-banner';
import { spawnNext, superviseChild } from './support/spawn-next';
import { LOCAL_KV_TOKEN, startEmbeddedKv } from './support/start-embedded-kv';

/**
 * `npm run dev`: the whole product offline. Applies migrations, starts the local Upstash endpoint
 * unless Upstash is configured and the TikTok sandbox unless TikTok credentials are, then `next dev`.
 */
loadEnvFiles(true);
const env = process.env;
const port = Number(env.PORT ?? 3000);
env.APP_URL ||= `http://localhost:${port}`;
const rows: BannerRow[] = [{ part: 'App', where: env.APP_URL, mode: 'next dev' }];
const cleanups: (() => Promise<void>)[] = [];

const dbMode = await applyMigrations(env.DATABASE_URL || undefined);
rows.push({
  part: 'Database',
  where: dbMode === 'embedded' ? '.data/pglite' : new URL(env.DATABASE_URL ?? '').host,
  mode:
    dbMode === 'embedded'
      ? 'embedded (PGlite), migrations applied'
      : 'external PostgreSQL, migrations applied',
});

if (env.UPSTASH_REDIS_REST_URL) {
  rows.push({ part: 'Redis', where: new URL(env.UPSTASH_REDIS_REST_URL).host, mode: 'external (Upstash)' });
} else {
  const kv = await startEmbeddedKv(Number(env.KV_PORT ?? 8079), env.REDIS_URL || undefined);
  cleanups.push(kv.close);
  env.UPSTASH_REDIS_REST_URL = kv.url;
  env.UPSTASH_REDIS_REST_TOKEN = LOCAL_KV_TOKEN;
  rows.push({
    part: 'Redis',
    where: kv.url,
    mode:
      kv.backend === 'memory'
        ? 'embedded (in-memory) behind a local Upstash endpoint'
        : `Redis at ${env.REDIS_URL} behind a local Upstash endpoint`,
  });
}

if (env.TIKTOK_CLIENT_KEY) {
  rows.push({
    part: 'TikTok',
    where: env.TIKTOK_OPEN_API_BASE_URL || 'https://open.tiktokapis.com',
    mode: 'external (TikTok)',
  });
} else {
  const sandbox = await startSandbox({
    port: Number(env.SANDBOX_PORT ?? 4010),
    snapshotPath: '.data/sandbox.json',
  });
  cleanups.push(sandbox.close);
  const sandboxUrl = sandbox.ctx.config.publicUrl;
  env.TIKTOK_AUTH_BASE_URL = sandboxUrl;
  env.TIKTOK_OPEN_API_BASE_URL = sandboxUrl;
  env.TIKTOK_BUSINESS_API_BASE_URL = sandboxUrl;
  rows.push({ part: 'TikTok', where: sandboxUrl, mode: `sandbox (control page ${sandboxUrl}/_sandbox)` });
}

rows.push(
  env.SMTP_URL && env.EMAIL_FROM
    ? { part: 'Mail', where: new URL(env.SMTP_URL).host, mode: 'SMTP' }
    : { part: 'Mail', where: `${env.APP_URL}/dev/outbox`, mode: 'local outbox (no SMTP_URL)' },
);
rows.push(
  env.S3_BUCKET
    ? { part: 'Storage', where: `s3://${env.S3_BUCKET}`, mode: `external (${env.S3_ENDPOINT || 'AWS S3'})` }
    : { part: 'Storage', where: env.STORAGE_DIR || '.data/storage', mode: 'local folder' },
);

printBanner('Tokdesk is starting', rows);
const next = spawnNext(['dev', '--port', String(port)], env);
superviseChild(next, async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});
