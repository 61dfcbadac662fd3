import { describe, expect, it } from 'vitest';
import { parseTikTokJson, tiktokIdSchema } from './tiktok-json';

describe('parseTikTokJson', () => {
  it('keeps integers beyond 2^53 as their exact digits, where JSON.parse rounds them', () => {
    const text = '{"publicaly_available_post_id":[7212345678901234567],"item_id":9007199254740993}';
    expect(String(JSON.parse(text).publicaly_available_post_id[0])).not.toBe('7212345678901234567');
    expect(parseTikTokJson(text)).toEqual({
      publicaly_available_post_id: ['7212345678901234567'],
      item_id: '9007199254740993',
    });
  });

  it('leaves every other value as JSON.parse would', () => {
    const text = '{"a":1,"b":-2.5,"c":1e3,"d":9007199254740991,"e":"7212345678901234567","f":[true,null]}';
    expect(parseTikTokJson(text)).toEqual(JSON.parse(text));
  });

  it('drops NULs and replaces lone surrogates that escapes spell, which Postgres text refuses', () => {
    const text =
      '{"text":"a\\u0000b \\ud800","\\u0000k":["\\udc00x"],"ok":"\\ud83d\\ude00","id":7212345678901234567}';
    expect(parseTikTokJson(text)).toEqual({
      text: 'ab \uFFFD',
      k: ['\uFFFDx'],
      ok: '\u{1F600}',
      id: '7212345678901234567',
    });
  });

  it('throws on what is not JSON', () => {
    expect(() => parseTikTokJson('{"a":')).toThrow();
  });
});

describe('tiktokIdSchema', () => {
  it('gives one string form for ids sent as numbers, as large-number strings or as strings', () => {
    expect(tiktokIdSchema.parse(123)).toBe('123');
    expect(tiktokIdSchema.parse('7212345678901234567')).toBe('7212345678901234567');
    expect(tiktokIdSchema.parse('v_pub_file~v2-1.123456789')).toBe('v_pub_file~v2-1.123456789');
    expect(tiktokIdSchema.safeParse(1.5).success).toBe(false);
    expect(tiktokIdSchema.safeParse('').success).toBe(false);
  });
});
