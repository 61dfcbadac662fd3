import { describe, expect, it } from 'vitest';
import { assertObjectPrefix, isValidObjectKey, toKeySegment } from './object-key';

describe('object keys', () => {
  it.each(['media/ws-1/video/3f2a.mp4', 'reports/acme/creator/acc-1/dt=2026-01-31/_manifest.json', 'a'])(
    'accepts %s',
    (key) => {
      expect(isValidObjectKey(key)).toBe(true);
    },
  );

  it.each([
    '',
    '/media/x',
    'media//x',
    'media/x/',
    'media/../x',
    '../x',
    'media/..',
    'media/.tmp/x',
    'media/x.',
    'media/a b',
    'media\\x',
    'media/ü',
    `media/${'a'.repeat(256)}`,
    'x'.repeat(1025),
  ])('refuses %j', (key) => {
    expect(isValidObjectKey(key)).toBe(false);
  });

  it('checks listing prefixes the same way, allowing a trailing slash or a partial segment', () => {
    expect(() => assertObjectPrefix('')).not.toThrow();
    expect(() => assertObjectPrefix('reports/acme/')).not.toThrow();
    expect(() => assertObjectPrefix('reports/acme/dt=2026-01-')).not.toThrow();
    for (const bad of ['/x', 'a//b', 'a/../b', '.multipart/', 'a/.tmp']) {
      expect(() => assertObjectPrefix(bad), bad).toThrow(/Not a valid object prefix/);
    }
  });

  it.each([
    ['Ünïcödé name', 'Unicode-name'],
    ['crème brûlée ø', 'creme-brulee'],
    ['../../etc/passwd', 'etc-passwd'],
    ['.hidden', 'hidden'],
    ['my video (final).MP4', 'my-video-final-.MP4'],
    ['@creator.name', 'creator.name'],
    ['', 'x'],
    ['///', 'x'],
    ['a..b', 'a.b'],
  ])('sanitises %j to %j', (input, expected) => {
    const segment = toKeySegment(input);
    expect(segment).toBe(expected);
    expect(isValidObjectKey(segment)).toBe(true);
  });

  it('bounds a segment’s length', () => {
    expect(toKeySegment('a'.repeat(300), { maxLength: 40 })).toHaveLength(40);
  });
});
