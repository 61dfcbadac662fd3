import { createHash } from 'node:crypto';

/** Flags Redis 7 accepts on a `#!lua` line; Upstash adds its own (e.g. `allow-key-locking`). */
const REDIS_FLAGS = new Set(['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys']);

export function sha1(script: string): string {
  return createHash('sha1').update(script, 'utf8').digest('hex');
}

function splitFirstLine(script: string): [string, string] {
  const end = script.indexOf('\n');
  return end === -1 ? [script, ''] : [script.slice(0, end), script.slice(end)];
}

/**
 * Real Redis rejects unknown shebang flags, and @upstash/ratelimit's scripts carry one, so the
 * line is rewritten to the flags Redis knows. Returns the script unchanged when nothing needs to go.
 */
export function keepRedisFlags(script: string): string {
  const [first, rest] = splitFirstLine(script);
  const match = /^#!lua\s+flags=(\S*)\s*$/.exec(first);
  if (!match) return script;
  const flags = (match[1] ?? '').split(',').filter(Boolean);
  const kept = flags.filter((flag) => REDIS_FLAGS.has(flag));
  if (kept.length === flags.length) return script;
  return `${kept.length > 0 ? `#!lua flags=${kept.join(',')}` : '#!lua'}${rest}`;
}

/** The embedded Lua VM does not understand a shebang at all; a blank line keeps line numbers. */
export function dropShebang(script: string): string {
  const [first, rest] = splitFirstLine(script);
  return first.startsWith('#!') ? rest : script;
}
