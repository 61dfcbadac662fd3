import { createServer } from 'node:http';
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
  // A hostile page on another site (127.0.0.1 is not localhost's site), from a real local server:
  // Chromium will not let a page it sees as public frame a local one at all, which would prove nothing.
  // The sandbox's control page, which may be framed, shows that framing itself works.
  const hostile = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(
      `<!doctype html><h1>Win a prize</h1><iframe id="control" src="${E2E.sandboxUrl}/_sandbox"></iframe><iframe id="victim" src="${E2E.appUrl}/sign-in"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => hostile.listen(E2E.appPort + 98, '127.0.0.1', resolve));
  try {
    const victim = page.waitForResponse((response) => response.url() === `${E2E.appUrl}/sign-in`);
    await page.goto(`http://127.0.0.1:${E2E.appPort + 98}/`);
    await victim;
    await expect(page.frameLocator('#control').locator('body')).not.toBeEmpty();
    await expect
      .poll(() => page.frames().map((frame) => frame.url()))
      .toContain('chrome-error://chromewebdata/');
    await expect(page.frameLocator('#victim').getByRole('heading', { name: 'Sign in' })).toHaveCount(0);
  } finally {
    await new Promise((resolve) => hostile.close(resolve));
  }
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
