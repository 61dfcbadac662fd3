import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readSearchParams } from './read-search-params';

describe('readSearchParams', () => {
  const shape = { count: z.coerce.number().int().min(1).max(1000), kind: z.enum(['ads', 'creator']) };

  it('parses each parameter with its schema', () => {
    expect(readSearchParams({ count: '3', kind: 'ads' }, shape)).toEqual({ count: 3, kind: 'ads' });
  });

  it('drops what does not parse instead of failing the page', () => {
    expect(readSearchParams({ count: 'NaN', kind: 'evil' }, shape)).toEqual({
      count: undefined,
      kind: undefined,
    });
  });

  it('takes the first of repeated parameters', () => {
    expect(readSearchParams({ count: ['2', 'x'] }, shape)).toEqual({ count: 2, kind: undefined });
  });
});
