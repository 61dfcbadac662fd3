/**
 * ioredis-mock only recognises upper-case option words (`SET k v PX 100`), while @upstash/redis
 * sends them lower-case. For each command: where its options start, after the key and values.
 */
const OPTIONS_START: Record<string, number> = {
  set: 2,
  getex: 1,
  expire: 2,
  pexpire: 2,
  expireat: 2,
  pexpireat: 2,
  scan: 1,
  hscan: 2,
  sscan: 2,
  zscan: 2,
  zadd: 1,
  zrange: 3,
  zrevrange: 3,
  zrangebyscore: 3,
  zrevrangebyscore: 3,
  zrangebylex: 3,
  zrevrangebylex: 3,
  lpos: 2,
  xadd: 1,
};

const KEYWORDS = new Set([
  'nx',
  'xx',
  'gt',
  'lt',
  'ex',
  'px',
  'exat',
  'pxat',
  'keepttl',
  'get',
  'persist',
  'ch',
  'incr',
  'match',
  'count',
  'type',
  'withscores',
  'limit',
  'byscore',
  'bylex',
  'rev',
  'rank',
  'maxlen',
]);

/** Keywords followed by a value, which must be left alone even if it looks like a keyword. */
const TAKES_VALUE = new Set(['ex', 'px', 'exat', 'pxat', 'match', 'count', 'type', 'rank', 'maxlen']);

export function upperCaseOptions(name: string, args: string[]): string[] {
  const start = OPTIONS_START[name];
  if (start === undefined) return args;
  let valueNext = false;
  return args.map((arg, index) => {
    if (index < start) return arg;
    if (valueNext) {
      valueNext = false;
      return arg;
    }
    const lower = arg.toLowerCase();
    if (!KEYWORDS.has(lower)) return arg;
    valueNext = TAKES_VALUE.has(lower);
    return arg.toUpperCase();
  });
}
