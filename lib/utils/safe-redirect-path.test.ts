import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect-path';

describe('safeRedirectPath', () => {
  it.each([
    ['/settings', '/settings'],
    ['/invite/abc?x=1', '/invite/abc?x=1'],
    ['/settings/audit?cursor=abc#top', '/settings/audit?cursor=abc#top'],
    ['/reports?q=a%20b', '/reports?q=a%20b'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each([
    ['absolute URL', 'https://evil.example'],
    ['scheme without slashes', 'javascript:alert(1)'],
    ['protocol-relative', '//evil.example'],
    ['backslash', '/\\evil.example'],
    ['backslash later on', '/foo\\..\\\\evil.example'],
    ['tab', '/\t/evil.example'],
    ['newline', '/\n/evil.example'],
    ['carriage return', '/\r/evil.example'],
    ['null byte', '/\u0000/evil.example'],
    ['encoded tab', '/%09/evil.example'],
    ['encoded slash', '/%2Fevil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['double-encoded slash', '/%252F%252Fevil.example'],
    ['encoded newline', '/%0A/evil.example'],
    ['mixed tab and backslash', '/\t\\evil.example'],
    ['dot segments that collapse to //', '/.//evil.example'],
    ['parent segment that collapses to //', '/..//evil.example'],
    ['relative path', 'settings'],
    ['malformed encoding', '/%E0%A4%A'],
    ['empty', ''],
    ['not a string', 42],
    ['undefined', undefined],
  ])('falls back for %s', (_what, input) => {
    expect(safeRedirectPath(input)).toBe('/accounts');
  });

  it('uses the given fallback', () => {
    expect(safeRedirectPath('//evil.example', '/sign-in')).toBe('/sign-in');
  });
});
