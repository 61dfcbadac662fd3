import { applyMigrations } from './support/apply-migrations';
import { loadEnvFiles } from './support/load-env-files';
import { printBanner } from './support/print-banner';
import { spawnNext, superviseChild } from './support/spawn-next';

/**
 * `npm start`: production mode on your own server. Applies pending migrations, then `next start`.
 * Configuration comes from the environment; Next refuses to start and names what is missing.
 */
loadEnvFiles(false);
const env = process.env;
const port = Number(env.PORT ?? 3000);
const mode = await applyMigrations(env.DATABASE_URL || undefined);

printBanner('Tokdesk (production mode)', [
  { part: 'App', where: env.APP_URL ?? `http://localhost:${port}`, mode: 'next start' },
  {
    part: 'Database',
    where: mode === 'embedded' ? '.data/pglite' : 'DATABASE_URL',
    mode: `${mode}, migrations applied`,
  },
  { part: 'Redis', where: env.UPSTASH_REDIS_REST_URL ?? '(not set)', mode: 'through the Upstash REST API' },
  {
    part: 'TikTok',
    where: env.TIKTOK_OPEN_API_BASE_URL || 'https://open.tiktokapis.com',
    mode: 'Open API base URL',
  },
  env.S3_BUCKET
    ? { part: 'Storage', where: `s3://${env.S3_BUCKET}`, mode: env.S3_ENDPOINT || 'AWS S3' }
    : { part: 'Storage', where: env.STORAGE_DIR || '.data/storage', mode: 'local folder' },
]);
const next = spawnNext(['start', '--port', String(port)], { ...env, NODE_ENV: 'production' });
superviseChild(next, async () => {});
