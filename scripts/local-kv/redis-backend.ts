import Redis from 'ioredis';
import {
  errorMessage,
  type KvBackend,
  type KvReply,
  type KvResult,
  rejectConnectionCommand,
  toKvReply,
} from './kv-backend';
import { keepRedisFlags, sha1 } from './lua-scripts';

/** Redis answered with an error, as opposed to the connection failing. */
function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}

type Prepared = { command: string[]; mapResult?: (reply: KvReply) => KvReply } | { error: string };

/**
 * A real Redis behind ioredis. Replies are requested as Buffers so bytes reach the HTTP encoder
 * untouched. Scripts whose shebang had to be rewritten run under a different SHA-1 than the one
 * the client computed, so `aliases` maps the client's SHA to the one Redis knows.
 */
export async function createRedisBackend(redisUrl: string): Promise<KvBackend> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  await redis.connect();
  const aliases = new Map<string, string>();

  function loadable(script: string): string {
    const runnable = keepRedisFlags(script);
    if (runnable !== script) aliases.set(sha1(script), sha1(runnable));
    return runnable;
  }

  function prepare(command: string[]): Prepared {
    const [rawName = '', first = '', ...rest] = command;
    const name = rawName.toLowerCase();
    const refused = rejectConnectionCommand(name);
    if (refused) return { error: refused };
    if (name === 'eval' || name === 'eval_ro') return { command: [rawName, loadable(first), ...rest] };
    if (name === 'evalsha' || name === 'evalsha_ro') {
      return { command: [rawName, aliases.get(first.toLowerCase()) ?? first, ...rest] };
    }
    if (name === 'script' && first.toLowerCase() === 'load' && rest[0] !== undefined) {
      const original = sha1(rest[0]);
      return { command: [rawName, first, loadable(rest[0])], mapResult: () => original };
    }
    if (name === 'script' && first.toLowerCase() === 'exists') {
      return { command: [rawName, first, ...rest.map((sha) => aliases.get(sha.toLowerCase()) ?? sha)] };
    }
    return { command };
  }

  function settle(prepared: Prepared, error: Error | null, reply: unknown): KvResult {
    if ('error' in prepared) return { error: prepared.error };
    if (error) return { error: error.message };
    const result = toKvReply(reply);
    return { result: prepared.mapResult ? prepared.mapResult(result) : result };
  }

  async function batch(commands: string[][], transaction: boolean): Promise<KvResult[]> {
    const prepared = commands.map(prepare);
    const runnable = prepared.flatMap((item) => ('command' in item ? [item] : []));
    const chain = transaction ? redis.multi() : redis.pipeline();
    for (const item of runnable) {
      const [name = '', ...args] = item.command;
      chain.callBuffer(name, ...args);
    }
    const replies = runnable.length > 0 ? ((await chain.exec()) ?? []) : [];
    let next = 0;
    return prepared.map((item) => {
      if ('error' in item) return settle(item, null, null);
      const [error = null, reply = null] = replies[next++] ?? [];
      return settle(item, error, reply);
    });
  }

  return {
    kind: 'redis',
    run: async (command) => {
      const prepared = prepare(command);
      if ('error' in prepared) return prepared;
      const [name = '', ...args] = prepared.command;
      try {
        return settle(prepared, null, await redis.callBuffer(name, ...args));
      } catch (error) {
        // Connection failures are the endpoint's problem (HTTP 5xx), not a command error.
        if (isReplyError(error)) return { error: errorMessage(error) };
        throw error;
      }
    },
    pipeline: (commands) => batch(commands, false),
    multiExec: async (commands) => {
      const refused = commands.map(prepare).find((item) => 'error' in item);
      if (refused && 'error' in refused) {
        return { error: `EXECABORT Transaction discarded because of previous errors: ${refused.error}` };
      }
      try {
        return await batch(commands, true);
      } catch (error) {
        if (isReplyError(error)) return { error: errorMessage(error) };
        throw error;
      }
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
