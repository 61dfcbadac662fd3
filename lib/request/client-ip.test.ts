import { describe, expect, it } from 'vitest';
import { clientIpFrom } from './client-ip';

const headers = (values: Record<string, string>) => new Headers(values);

describe('clientIpFrom', () => {
  it.each([
    // [what, headers, hops, expected]
    ['no proxy trusted: a forged header is ignored', { 'x-forwarded-for': '203.0.113.9' }, 0, null],
    ['no proxy trusted: X-Real-IP is ignored too', { 'x-real-ip': '203.0.113.9' }, 0, null],
    ['one proxy: the entry it appended', { 'x-forwarded-for': '203.0.113.9' }, 1, '203.0.113.9'],
    [
      'one proxy: entries the client made up are skipped',
      { 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 203.0.113.9' },
      1,
      '203.0.113.9',
    ],
    [
      'two proxies: the outer one wrote the client',
      { 'x-forwarded-for': '1.1.1.1, 203.0.113.9, 10.0.0.2' },
      2,
      '203.0.113.9',
    ],
    ['fewer entries than hops: the leftmost', { 'x-forwarded-for': '203.0.113.9' }, 3, '203.0.113.9'],
    ['IPv6 is kept, lower-cased', { 'x-forwarded-for': '2001:DB8::1' }, 1, '2001:db8::1'],
    ['IPv4-mapped IPv6 is unwrapped', { 'x-forwarded-for': '::ffff:192.0.2.1' }, 1, '192.0.2.1'],
    ['garbage is not an address', { 'x-forwarded-for': 'evil, <script>' }, 1, null],
    ['no header at all', {}, 1, null],
  ])('%s', (_what, values, hops, expected) => {
    expect(clientIpFrom(headers(values), { onVercel: false, trustedProxyHops: hops })).toBe(expected);
  });

  it('on Vercel uses the platform header and nothing a client controls', () => {
    const request = headers({ 'x-real-ip': '198.51.100.4', 'x-forwarded-for': '1.1.1.1' });
    expect(clientIpFrom(request, { onVercel: true, trustedProxyHops: 0 })).toBe('198.51.100.4');
    expect(clientIpFrom(headers({}), { onVercel: true, trustedProxyHops: 5 })).toBeNull();
  });
});
