import { describe, expect, it } from 'vitest';
import { pageContentSecurityPolicy } from './security-headers';

const base = {
  nonce: 'abc123',
  development: false,
  consentOrigins: ['https://www.tiktok.com', 'https://business-api.tiktok.com'],
  imageOrigins: [],
  https: true,
};

describe('pageContentSecurityPolicy', () => {
  it('forbids framing and lets only this response’s nonce run scripts', () => {
    const policy = pageContentSecurityPolicy(base);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("form-action 'self' https://www.tiktok.com https://business-api.tiktok.com");
    expect(policy).toContain('upgrade-insecure-requests');
  });

  it('allows what next dev needs only in development', () => {
    const policy = pageContentSecurityPolicy({ ...base, development: true, https: false });
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).toContain("connect-src 'self' ws:");
    expect(policy).not.toContain('upgrade-insecure-requests');
  });
});
