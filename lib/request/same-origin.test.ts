import { describe, expect, it } from 'vitest';
import { hasBody, isSameOriginRequest, mediaType } from './same-origin';

const APP = 'https://tokdesk.example';

describe('isSameOriginRequest', () => {
  it.each([
    ['our own origin', { origin: APP }, true],
    ['another site', { origin: 'https://evil.example' }, false],
    ['a sibling port on the same host', { origin: 'https://tokdesk.example:8443' }, false],
    ['http instead of https', { origin: 'http://tokdesk.example' }, false],
    ['an opaque origin', { origin: 'null' }, false],
    [
      'Origin wins over a friendly Sec-Fetch-Site',
      { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
      false,
    ],
    ['no Origin, same-origin fetch metadata', { 'sec-fetch-site': 'same-origin' }, true],
    ['no Origin, same-site but cross-origin', { 'sec-fetch-site': 'same-site' }, false],
    ['no Origin, cross-site', { 'sec-fetch-site': 'cross-site' }, false],
    ['a non-browser client', {}, true],
  ])('%s', (_what, headers, expected) => {
    expect(isSameOriginRequest(new Headers(headers), APP)).toBe(expected);
  });
});

describe('mediaType and hasBody', () => {
  it('reads the media type without parameters', () => {
    expect(mediaType(new Headers({ 'content-type': 'Application/JSON; charset=utf-8' }))).toBe(
      'application/json',
    );
    expect(mediaType(new Headers({ 'content-type': 'text/plain;application/json' }))).toBe('text/plain');
    expect(mediaType(new Headers())).toBeNull();
  });

  it('sees a body by its length or chunked encoding', () => {
    expect(hasBody(new Headers({ 'content-length': '12' }))).toBe(true);
    expect(hasBody(new Headers({ 'content-length': '0' }))).toBe(false);
    expect(hasBody(new Headers({ 'transfer-encoding': 'chunked' }))).toBe(true);
    expect(hasBody(new Headers())).toBe(false);
  });
});
