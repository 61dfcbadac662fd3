import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '@/lib/db/create-db';
import { describeKvBackend } from '@/lib/kv/describe-kv-backend';

export type ComponentHealth = { status: 'ok' | 'down'; mode: string; latencyMs: number; error?: string };
export type HealthReport = {
  status: 'ok' | 'degraded';
  components: { database: ComponentHealth; redis: ComponentHealth };
};

export type CheckHealthOptions = {
  getDbHandle: () => Promise<DbHandle>;
  kv: { url: string; token: string };
  timeoutMs?: number;
};

async function checkDatabase(
  getDbHandle: () => Promise<DbHandle>,
  timeoutMs: number,
): Promise<ComponentHealth> {
  const started = performance.now();
  let mode = 'unknown';
  try {
    const handle = await getDbHandle();
    mode = handle.mode;
    await Promise.race([
      handle.db.execute(sql`select 1`),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return { status: 'ok', mode, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Connection errors can carry the URL with its password: report only the kind of failure.
    const reason =
      error instanceof Error && error.message.startsWith('no answer') ? error.message : 'unreachable';
    return { status: 'down', mode, latencyMs: Math.round(performance.now() - started), error: reason };
  }
}

/** What `/api/health` reports: each component's status and whether it is embedded or external. */
export async function checkHealth({
  getDbHandle,
  kv,
  timeoutMs = 2000,
}: CheckHealthOptions): Promise<HealthReport> {
  const [database, kvState] = await Promise.all([
    checkDatabase(getDbHandle, timeoutMs),
    describeKvBackend({ ...kv, timeoutMs }),
  ]);
  const redis: ComponentHealth = {
    status: kvState.ok ? 'ok' : 'down',
    mode: kvState.mode === 'upstash' ? 'external' : 'embedded',
    latencyMs: kvState.latencyMs,
    ...(kvState.ok ? {} : { error: 'unreachable' }),
  };
  if (kvState.mode !== 'upstash')
    Object.assign(redis, { backend: kvState.mode === 'embedded' ? 'in-memory' : 'local Redis' });
  return {
    status: database.status === 'ok' && redis.status === 'ok' ? 'ok' : 'degraded',
    components: { database, redis },
  };
}
