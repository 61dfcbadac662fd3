import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect-path';

describe('safeRedirectPath', () => {
  it.each([
    ['/settings', '/settings'],
    ['/invite/abc?x=1', '/invite/abc?x=1'],
    ['https://evil.example', '/accounts'],
    ['//evil.example', '/accounts'],
    ['/\\evil.example', '/accounts'],
    [undefined, '/accounts'],
  ])('%s → %s', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
