import { describe, expect, it } from 'vitest';
import { parseJsonWithInt64, stringifyWithInt64 } from './int64-json';

describe('int64 JSON', () => {
  it('writes digit strings under the given keys as bare numbers, nowhere else', () => {
    const text = stringifyWithInt64(
      { message_id: '7300000000000000123', ids: ['7300000000000000124'], text: { body: '"message_id":"1"' } },
      ['message_id', 'ids'],
    );
    expect(text).toBe(
      '{"message_id":7300000000000000123,"ids":[7300000000000000124],"text":{"body":"\\"message_id\\":\\"1\\""}}',
    );
  });

  it('reads 19-digit numbers exactly, and leaves short numbers, decimals and strings alone', () => {
    const parsed = parseJsonWithInt64(
      '{"a":7300000000000000123,"b":[12,1.5e3,-7300000000000000001],"c":"7300000000000000123 \\" 7300000000000000123"}',
    );
    expect(parsed).toEqual({
      a: '7300000000000000123',
      b: [12, 1500, '-7300000000000000001'],
      c: '7300000000000000123 " 7300000000000000123',
    });
  });
});
