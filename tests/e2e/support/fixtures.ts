import { type Browser, test as base } from '@playwright/test';

/**
 * Per-IP rate limits key on the client IP, which the e2e stack takes from X-Forwarded-For as if
 * one trusted proxy wrote it (TRUSTED_PROXY_HOPS=1). Each browser context here plays a different
 * client, so one test's sign-ups never eat another's allowance.
 */
export function randomClientIp(): string {
  const octet = () => Math.floor(Math.random() * 250) + 1;
  return `198.18.${octet()}.${octet()}`;
}

export async function newClientPage(browser: Browser) {
  return browser.newPage({ extraHTTPHeaders: { 'x-forwarded-for': randomClientIp() } });
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await context.setExtraHTTPHeaders({ 'x-forwarded-for': randomClientIp() });
    await use(context);
  },
});

export { expect } from '@playwright/test';
