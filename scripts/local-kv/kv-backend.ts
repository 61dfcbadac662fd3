/** A Redis reply as the endpoint relays it: bulk strings stay bytes until they are encoded. */
export type KvReply = Buffer | string | number | null | KvReply[];

export type KvResult = { result: KvReply } | { error: string };

export type KvBackendKind = 'memory' | 'redis';

/** What the HTTP layer needs from a store; the embedded and the real-Redis backends both provide it. */
export type KvBackend = {
  readonly kind: KvBackendKind;
  run(command: string[]): Promise<KvResult>;
  pipeline(commands: string[][]): Promise<KvResult[]>;
  /** Atomic; a command rejected before execution discards the whole transaction, as in Redis. */
  multiExec(commands: string[][]): Promise<KvResult[] | { error: string }>;
  close(): Promise<void>;
};

/**
 * Commands that change the state of the one shared connection (or hold it) would leak between
 * HTTP callers, so the endpoint refuses them; transactions go through `/multi-exec` instead.
 */
const CONNECTION_COMMANDS = new Set([
  'auth',
  'blpop',
  'brpop',
  'blmove',
  'bzpopmin',
  'bzpopmax',
  'client',
  'discard',
  'exec',
  'hello',
  'monitor',
  'multi',
  'psubscribe',
  'punsubscribe',
  'quit',
  'reset',
  'select',
  'ssubscribe',
  'subscribe',
  'sunsubscribe',
  'unsubscribe',
  'unwatch',
  'watch',
]);

export function rejectConnectionCommand(name: string): string | null {
  return CONNECTION_COMMANDS.has(name) ? `ERR Command is not allowed over REST: ${name}` : null;
}

/**
 * Brings client-library shapes back to Redis's: Lua booleans (embedded VM) and the object ioredis
 * builds for HGETALL even on raw calls become what Redis put on the wire.
 */
export function toKvReply(value: unknown): KvReply {
  if (value === undefined || value === null || value === false) return null;
  if (value === true) return 1;
  if (typeof value === 'number' || typeof value === 'string' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map(toKvReply);
  if (typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [key, toKvReply(item)]);
  return String(value);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
