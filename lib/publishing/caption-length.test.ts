import { describe, expect, it } from 'vitest';
import { CAPTION_LIMITS, countCaption, extractTags, tiktokTextLength } from './caption-length';

describe('tiktokTextLength counts UTF-16 code units, as TikTok does', () => {
  it.each([
    ['plain ASCII', 'Launch day', 10],
    ['empty', '', 0],
    ['a BMP symbol', '★', 1],
    ['an emoji outside the BMP', '😀', 2],
    ['emoji with a skin tone', '👍🏽', 4],
    ['a ZWJ family', '👨‍👩‍👧‍👦', 11],
    ['a ZWJ profession with variation selector', '👩🏻‍⚕️', 7],
    ['a flag (two regional indicators)', '🇯🇵', 4],
    ['CJK', '東京で発売', 5],
    ['Korean hangul', '안녕하세요', 5],
    ['a CJK extension-B character (surrogate pair)', '𠮷', 2],
    ['combining accent (e + U+0301)', 'e\u0301', 2],
    ['newlines count', 'a\nb', 3],
  ])('%s', (_name, text, length) => {
    expect(tiktokTextLength(text)).toBe(length);
  });
});

describe('countCaption', () => {
  it.each([
    ['videoCaption', 'x'.repeat(2200), 2200, false],
    ['videoCaption', 'x'.repeat(2201), 2201, true],
    // 1100 emoji are 2200 code units: exactly at the limit, one more is over.
    ['videoCaption', '😀'.repeat(1100), 2200, false],
    ['videoCaption', `${'😀'.repeat(1100)}a`, 2201, true],
    ['videoCaption', '中'.repeat(2200), 2200, false],
    ['photoTitle', '👨‍👩‍👧'.repeat(11), 88, false],
    ['photoTitle', '👨‍👩‍👧'.repeat(12), 96, true],
    ['photoDescription', 'あ'.repeat(4001), 4001, true],
  ] as const)('%s: %#', (field, text, used, over) => {
    const count = countCaption(field, text);
    expect(count).toEqual({
      used,
      limit: CAPTION_LIMITS[field],
      remaining: CAPTION_LIMITS[field] - used,
      over,
    });
  });
});

describe('extractTags', () => {
  it('splits on whitespace like TikTok', () => {
    expect(extractTags('New drop #summer\n#sale with @amy and @bob!')).toEqual({
      hashtags: ['#summer', '#sale'],
      mentions: ['@amy', '@bob!'],
    });
  });
});
