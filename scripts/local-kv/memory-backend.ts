import { randomUUID } from 'node:crypto';
import RedisMock from 'ioredis-mock';
import {
  errorMessage,
  type KvBackend,
  type KvResult,
  rejectConnectionCommand,
  toKvReply,
} from './kv-backend';
import { dropShebang, sha1 } from './lua-scripts';
import { upperCaseOptions } from './mock-arguments';
import { NATIVE_SCRIPTS } from './native-scripts';

type Method = (...args: unknown[]) => Promise<unknown>;

/** ioredis-mock methods that are client plumbing, not Redis commands. */
const NOT_COMMANDS = new Set(['connect', 'disconnect', 'duplicate', 'pipeline', 'batch', 'eval', 'evalsha']);

const NOSCRIPT = 'NOSCRIPT No matching script. Please use EVAL.';

class CommandError extends Error {}

/** Redis turns Lua numbers into integers by truncation; the embedded VM keeps fractions. */
function truncateNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Math.trunc(value);
  return Array.isArray(value) ? value.map(truncateNumbers) : value;
}

/**
 * The embedded store: ioredis-mock in memory. It runs EVAL itself but knows no script cache, so
 * scripts are kept here by SHA-1 for EVALSHA / SCRIPT. One queue serialises every call, which makes
 * `/multi-exec` atomic without anything from the mock.
 */
export function createMemoryBackend(): KvBackend {
  // ioredis-mock shares data between instances with the same host; each endpoint gets its own.
  const mock = new RedisMock({ host: `tokdesk-kv-${randomUUID()}`, lazyConnect: false });
  const scripts = new Map<string, string>();
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  function methodFor(name: string): Method | null {
    if (NOT_COMMANDS.has(name) || !/^[a-z]+$/.test(name)) return null;
    const candidate = (mock as unknown as Record<string, unknown>)[name];
    return typeof candidate === 'function' ? (candidate.bind(mock) as Method) : null;
  }

  /** Fails before anything runs, like Redis does while queueing a transaction. */
  function validate(command: string[]): void {
    const name = command[0]?.toLowerCase() ?? '';
    const refused = rejectConnectionCommand(name);
    if (refused) throw new CommandError(refused);
    if (['eval', 'evalsha', 'script'].includes(name) || methodFor(name)) return;
    const args = command
      .slice(1, 4)
      .map((arg) => `'${arg}'`)
      .join(' ');
    throw new CommandError(`ERR unknown command '${command[0] ?? ''}', with args beginning with: ${args}`);
  }

  async function evaluate(script: string, rest: string[]): Promise<unknown> {
    const sha = sha1(script);
    scripts.set(sha, script);
    const [numKeys = '0', ...args] = rest;
    const native = NATIVE_SCRIPTS.get(sha);
    if (native) return native(mock, args.slice(0, Number(numKeys)));
    // The embedded VM crashes on a bare `return`; running the body as a function sidesteps it. The
    // wrapper opens on the (blank) first line so error line numbers stay right.
    const wrapped = `local __result = (function() ${dropShebang(script)}\nend)()\nreturn __result`;
    return truncateNumbers(await mock.eval(wrapped, numKeys, ...args));
  }

  async function script(sub: string, args: string[]): Promise<unknown> {
    if (sub === 'load') {
      const body = args[0] ?? '';
      scripts.set(sha1(body), body);
      return sha1(body);
    }
    if (sub === 'exists') return args.map((sha) => (scripts.has(sha.toLowerCase()) ? 1 : 0));
    if (sub === 'flush') {
      scripts.clear();
      return 'OK';
    }
    throw new CommandError(`ERR unknown subcommand '${sub}'. Try SCRIPT HELP.`);
  }

  async function execute(command: string[]): Promise<KvResult> {
    try {
      validate(command);
      const [rawName = '', ...args] = command;
      const name = rawName.toLowerCase();
      if (name === 'eval') return { result: toKvReply(await evaluate(args[0] ?? '', args.slice(1))) };
      if (name === 'evalsha') {
        const body = scripts.get((args[0] ?? '').toLowerCase());
        if (body === undefined) return { error: NOSCRIPT };
        return { result: toKvReply(await evaluate(body, args.slice(1))) };
      }
      if (name === 'script')
        return { result: toKvReply(await script((args[0] ?? '').toLowerCase(), args.slice(1))) };
      const method = methodFor(name);
      if (!method) throw new CommandError(`ERR unknown command '${rawName}'`);
      return { result: toKvReply(await method(...upperCaseOptions(name, args))) };
    } catch (error) {
      return { error: errorMessage(error) };
    }
  }

  return {
    kind: 'memory',
    run: (command) => serial(() => execute(command)),
    pipeline: (commands) =>
      serial(async () => {
        const results: KvResult[] = [];
        for (const command of commands) results.push(await execute(command));
        return results;
      }),
    multiExec: (commands) =>
      serial(async () => {
        try {
          for (const command of commands) validate(command);
        } catch (error) {
          return {
            error: `EXECABORT Transaction discarded because of previous errors: ${errorMessage(error)}`,
          };
        }
        const results: KvResult[] = [];
        for (const command of commands) results.push(await execute(command));
        return results;
      }),
    close: async () => {
      mock.disconnect();
    },
  };
}
