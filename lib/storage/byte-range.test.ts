import { describe, expect, it } from 'vitest';
import { parseRangeHeader } from './byte-range';

describe('parseRangeHeader', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=999-999', { start: 999, end: 999 }],
    [' bytes=5-9 ', { start: 5, end: 9 }],
  ])('%s of 1000 bytes is a partial range', (header, range) => {
    expect(parseRangeHeader(header, 1000)).toEqual({ kind: 'partial', range });
  });

  it.each([
    null,
    '',
    'items=0-5',
    'bytes=0-5,10-20',
    'bytes=9-2',
    'bytes=-',
    'bytes=a-b',
    'bytes=99999999999999999999-',
  ])('%j serves the whole object', (header) => {
    expect(parseRangeHeader(header, 1000)).toEqual({ kind: 'full' });
  });

  it.each([
    ['bytes=1000-', 1000],
    ['bytes=1000-2000', 1000],
    ['bytes=-0', 1000],
    ['bytes=0-0', 0],
    ['bytes=-10', 0],
  ])('%s of %i bytes is unsatisfiable', (header, size) => {
    expect(parseRangeHeader(header, size)).toEqual({ kind: 'unsatisfiable' });
  });
});
