import { randomUUID } from 'node:crypto';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';

/**
 * The Upstash REST protocol cases, run by the unit suite against the embedded store and by the
 * integration suite against a real Redis: both backends must look the same to @upstash/redis.
 */
export function describeKvProtocol(name: string, redisUrl?: string): void {
  describe(name, () => {
    const token = `test-token-${randomUUID()}`;
    const prefix = `kvtest:${randomUUID()}:`;
    let kv: LocalKv;
    let raw: Redis;

    const key = (suffix: string) => `${prefix}${suffix}`;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${kv.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...headers },
        body: JSON.stringify(body),
      });

    beforeAll(async () => {
      kv = await startLocalKv({ port: 0, token, redisUrl });
      raw = new Redis({ url: kv.url, token, automaticDeserialization: false, enableTelemetry: false });
    });

    afterAll(async () => {
      let cursor = '0';
      do {
        const [next, keys] = await raw.scan(cursor, { match: `${prefix}*`, count: 500 });
        if (keys.length > 0) await raw.del(...keys);
        cursor = String(next);
      } while (cursor !== '0');
      await kv.close();
    });

    it('reports its backend in a header on every reply, errors included', async () => {
      expect(kv.backend).toBe(redisUrl ? 'redis' : 'memory');
      const ok = await post('/', ['PING']);
      const unauthorized = await fetch(kv.url, { method: 'POST', body: '["PING"]' });
      for (const response of [ok, unauthorized]) {
        expect(response.headers.get('x-tokdesk-kv-backend')).toBe(kv.backend);
      }
    });

    it('sets, gets and deletes', async () => {
      expect(await raw.set(key('a'), 'value')).toBe('OK');
      expect(await raw.get(key('a'))).toBe('value');
      expect(await raw.del(key('a'))).toBe(1);
      expect(await raw.get(key('a'))).toBeNull();
    });

    it('expires keys after their PX', async () => {
      await raw.set(key('ttl'), 'soon gone', { px: 150 });
      const ttl = await raw.pttl(key('ttl'));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(150);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await raw.get(key('ttl'))).toBeNull();
    });

    it('runs a pipeline, keeping per-command errors', async () => {
      const results = await raw
        .pipeline()
        .set(key('p'), 'x')
        .lpush(key('p'), 'y')
        .get(key('p'))
        .exec({ keepErrors: true });
      expect(results[0]).toEqual({ error: undefined, result: 'OK' });
      expect(results[1]?.error).toEqual(expect.any(String));
      expect(results[2]?.result).toBe('x');
      const response = await post('/pipeline', [
        ['SET', key('p2'), '1'],
        ['NOSUCHCOMMAND'],
        ['INCR', key('p2')],
      ]);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual([
        { result: 'OK' },
        { error: expect.stringMatching(/^ERR unknown command/) },
        { result: 2 },
      ]);
    });

    it('runs multi-exec atomically', async () => {
      const results = await raw
        .multi()
        .set(key('m'), '1')
        .incr(key('m'))
        .incrby(key('m'), 5)
        .get(key('m'))
        .exec();
      expect(results).toEqual(['OK', 2, 7, '7']);
      const counter = key('concurrent');
      await Promise.all(Array.from({ length: 20 }, () => raw.multi().incr(counter).incr(counter).exec()));
      expect(await raw.get(counter)).toBe('40');
    });

    it('discards a transaction holding an unknown command', async () => {
      const response = await post('/multi-exec', [
        ['SET', key('tx'), '1'],
        ['NOSUCHCOMMAND', 'x'],
      ]);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/^EXECABORT/);
      expect(await raw.exists(key('tx'))).toBe(0);
    });

    it('round-trips strings through base64 encoding, at any depth', async () => {
      const values = [
        'plain ascii',
        'héllo wörld ✓ 日本語 🎉',
        '\u0000\u0001\u0002\t\n\r\u007f\u00ff',
        'OK',
        'QUJD',
        '',
        '{"json":[1,2]}',
      ];
      for (const [index, value] of values.entries()) {
        await raw.set(key(`b64:${index}`), value);
        expect(await raw.get(key(`b64:${index}`))).toBe(value);
      }
      await raw.rpush(key('list'), ...values);
      expect(await raw.lrange(key('list'), 0, -1)).toEqual(values);
      await raw.hset(key('hash'), { ключ: 'значение', n: '42' });
      // Without automatic deserialisation @upstash/redis hands back HGETALL's flat array.
      expect(await raw.hgetall(key('hash'))).toEqual(['ключ', 'значение', 'n', '42']);
      expect(await raw.incr(key('number'))).toBe(1);
      expect(await raw.get(key('missing'))).toBeNull();
      const nested = await raw.eval(
        "return {1, 'ü', {2, 'ñ', {'deep'}}, redis.call('GET', KEYS[1])}",
        [key('b64:1')],
        [],
      );
      expect(nested).toEqual([1, 'ü', [2, 'ñ', ['deep']], 'héllo wörld ✓ 日本語 🎉']);
    });

    it('encodes replies as base64 only when asked', async () => {
      await raw.set(key('wire'), 'é');
      const encoded = await post('/', ['GET', key('wire')], { 'upstash-encoding': 'base64' });
      expect(await encoded.json()).toEqual({ result: Buffer.from('é').toString('base64') });
      const plain = await post('/pipeline', [
        ['GET', key('wire')],
        ['GET', key('nothing')],
        ['EXISTS', key('wire')],
      ]);
      expect(await plain.json()).toEqual([{ result: 'é' }, { result: null }, { result: 1 }]);
    });

    it('accepts the path form with query options and a body value', async () => {
      const auth = { authorization: `Bearer ${token}` };
      const set = await fetch(`${kv.url}/set/${encodeURIComponent(key('path/x'))}/v%201?PX=60000`, {
        headers: auth,
      });
      expect(await set.json()).toEqual({ result: 'OK' });
      expect(await raw.get(key('path/x'))).toBe('v 1');
      expect(await raw.pttl(key('path/x'))).toBeGreaterThan(1000);
      await fetch(`${kv.url}/set/${encodeURIComponent(key('body'))}`, {
        method: 'POST',
        headers: auth,
        body: 'from body',
      });
      const get = await fetch(`${kv.url}/get/${encodeURIComponent(key('body'))}?_token=${token}`);
      expect(await get.json()).toEqual({ result: 'from body' });
    });

    it('answers 401 with an Upstash error when the token is wrong or missing', async () => {
      const response = await fetch(kv.url, {
        method: 'POST',
        headers: { authorization: 'Bearer nope' },
        body: '["PING"]',
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/auth token/) });
      const wrong = new Redis({ url: kv.url, token: 'nope', enableTelemetry: false, retry: false });
      await expect(wrong.get(key('a'))).rejects.toThrow(/auth token/);
    });

    it('answers 400 with the Redis error for an unknown command', async () => {
      const response = await post('/', ['NOSUCHCOMMAND', 'x']);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/^ERR unknown command/) });
      await raw.set(key('string'), 'x');
      await expect(raw.lpush(key('string'), 'x')).rejects.toThrow(/Command failed/);
    });

    it('runs EVAL, EVALSHA, SCRIPT LOAD and SCRIPT EXISTS, with NOSCRIPT for unknown scripts', async () => {
      const script = `return ARGV[1] .. ':${randomUUID()}'`;
      const sha = await raw.scriptLoad(script);
      expect(sha).toMatch(/^[0-9a-f]{40}$/);
      expect(await raw.scriptExists(sha, 'f'.repeat(40))).toEqual([1, 0]);
      expect(await raw.evalsha(sha, [], ['x'])).toMatch(/^x:/);
      expect(await raw.eval("return redis.call('SET', KEYS[1], ARGV[1])", [key('lua')], ['set by lua'])).toBe(
        'OK',
      );
      await expect(raw.evalsha('0'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT No matching script/);
    });

    it('accepts Upstash shebang flags and serves such scripts by their original SHA', async () => {
      const script = `#!lua flags=allow-key-locking\nreturn '${randomUUID()}'`;
      const result = await raw.eval(script, [], []);
      const sha = await raw.scriptLoad(script);
      expect(await raw.evalsha(sha, [], [])).toBe(result);
      expect(await raw.scriptExists(sha)).toEqual([1]);
    });

    it('serves @upstash/ratelimit end to end, including its EVALSHA fallback and reset', async () => {
      const client = new Redis({ url: kv.url, token, enableTelemetry: false });
      const limiter = new Ratelimit({
        redis: client,
        limiter: Ratelimit.slidingWindow(3, '30 s'),
        prefix: key('rl'),
      });
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push(await limiter.limit('someone'));
      expect(outcomes.map((outcome) => outcome.success)).toEqual([true, true, true, false]);
      expect(outcomes[0]?.remaining).toBe(2);
      expect(outcomes[3]?.reset).toBeGreaterThan(Date.now());
      await limiter.resetUsedTokens('someone');
      expect((await limiter.limit('someone')).success).toBe(true);
    });
  });
}
