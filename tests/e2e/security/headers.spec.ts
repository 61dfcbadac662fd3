import type { Page } from '@playwright/test';
import { signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, test } from '../support/fixtures';

/** Collects every Content-Security-Policy violation the page reports. */
function watchPolicyViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('[SECURITY] every page and API response forbids framing and carries the security headers', async ({
  request,
}) => {
  for (const path of ['/sign-in', '/sign-up', '/forgot-password', '/check-email']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    const policy = headers['content-security-policy'] ?? '';
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy, path).not.toContain('unsafe-eval');
    // The nonce is fresh per response and is the one on Next's own scripts.
    const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
    expect(await response.text(), path).toContain(`nonce="${nonce}"`);
  }
  const first = (await request.get('/sign-in')).headers()['content-security-policy'];
  const second = (await request.get('/sign-in')).headers()['content-security-policy'];
  expect(first).not.toBe(second);

  for (const path of ['/api/health', '/api/workspaces']) {
    const headers = (await request.get(path)).headers();
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'");
  }
});

test('[SECURITY] another site cannot show Tokdesk in a frame', async ({ page }) => {
  // A hostile page on another origin, served by the test itself.
  await page.route('http://attacker.localhost:5999/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><h1>Win a prize</h1><iframe id="victim" src="${E2E.appUrl}/sign-in" width="600" height="400"></iframe>`,
    }),
  );
  const framed = page.waitForEvent('framenavigated', (frame) => frame !== page.mainFrame());
  await page.goto('http://attacker.localhost:5999/');
  await framed;
  await page.waitForTimeout(500);
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  expect(frame?.url()).not.toContain('/sign-in');
  await expect(page.frameLocator('#victim').getByRole('heading', { name: 'Sign in' })).toHaveCount(0);
});

test('[SECURITY] the app and the sandbox consent flow work under the policy without a single violation', async ({
  page,
}) => {
  const violations = watchPolicyViolations(page);
  await signUp(page, {
    name: 'Pat Policy',
    email: uniqueEmail('policy'),
    password: 'policy-password-1',
    workspace: 'Policy Co',
  });
  await page.getByRole('button', { name: 'Connect a creator account' }).click();
  await expect(page).toHaveURL(/\/v2\/auth\/authorize/);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('connect-toast')).toContainText('Connected @');
  // Avatars come from the TikTok host (the sandbox here): they must load.
  const avatar = page.getByTestId('account-row').first().locator('img');
  if ((await avatar.count()) > 0)
    await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  for (const path of ['/settings', '/settings/audit', '/settings/webhooks', '/inbox']) {
    await page.goto(path);
    await expect(page.locator('main#main')).toBeVisible();
  }
  // Client-side navigation and a server action round trip (the workspace switcher's menu).
  await page
    .getByRole('navigation', { name: 'Main' })
    .first()
    .getByRole('link', { name: 'Accounts' })
    .click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
  expect(violations).toEqual([]);
});
