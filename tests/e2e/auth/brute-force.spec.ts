import type { APIRequestContext } from '@playwright/test';
import { followEmailLink, SUBJECTS, signOut, signUp, uniqueEmail } from '../support/auth-steps';
import { expect, newClientPage, test } from '../support/fixtures';

const ATTEMPTS = 5; // RATE_LIMIT_POLICIES.signInAccount
const WINDOW_MS = 15 * 60 * 1000;

/**
 * The per-account limit uses fixed 15-minute windows (so Retry-After is exact). A run that
 * straddled a window edge would see the count restart; start well inside a window instead.
 */
async function awayFromWindowEdge() {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < 90_000) await new Promise((resolve) => setTimeout(resolve, left + 1000));
}

async function csrfToken(request: APIRequestContext): Promise<string> {
  return ((await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
}

test('[AUTH] 30 guesses at one account from rotating IPs, with the content-type trick, are stopped after the limit; the owner gets back in by resetting the password', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const victim = { name: 'Vic Tim', email: uniqueEmail('victim'), password: 'victim-password-1' };
  const bystander = { name: 'By Stander', email: uniqueEmail('bystander'), password: 'bystander-password-1' };
  for (const person of [victim, bystander]) {
    const page = await newClientPage(browser);
    await signUp(page, person);
    await signOut(page);
    await page.close();
  }

  await awayFromWindowEdge();
  const attacker = await playwright.request.newContext({ baseURL });
  const csrf = await csrfToken(attacker);
  const decoy = uniqueEmail('decoy');
  const guess = (i: number, password: string) => {
    const headers = { 'x-forwarded-for': `203.0.113.${(i % 250) + 1}, 10.0.0.${(i % 250) + 1}` };
    if (i % 2 === 0) {
      return attacker.post('/api/auth/callback/credentials', {
        form: { email: victim.email, password, csrfToken: csrf },
        headers,
        maxRedirects: 0,
      });
    }
    // Auth.js reads any body whose content type *contains* application/json as JSON; a form parser
    // reads the same bytes as a form naming the decoy. The limit must follow what Auth.js checks.
    const body = `${JSON.stringify({ email: victim.email, password, csrfToken: csrf, x: '=' }).slice(0, -2)}&email=${decoy}"}`;
    return attacker.post('/api/auth/callback/credentials', {
      data: body,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded; application/json' },
      maxRedirects: 0,
    });
  };

  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) {
    const response = await guess(i, `wrong-password-${i}`);
    statuses.push(response.status());
    if (response.status() === 302) expect(response.headers().location).toContain('error=CredentialsSignin');
    if (response.status() === 429) {
      expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
      expect(Number(response.headers()['retry-after'])).toBeLessThanOrEqual(15 * 60);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('rate_limited');
      expect(body.error.message).toMatch(
        /^Too many sign-in attempts for this account\. Try again in \d+ minutes?\.$/,
      );
    }
  }
  expect(statuses).toEqual([...Array(ATTEMPTS).fill(302), ...Array(30 - ATTEMPTS).fill(429)]);

  // The right password waits for the window too, by either encoding.
  for (const i of [30, 31]) {
    const right = await guess(i, victim.password);
    expect(right.status()).toBe(429);
    expect(Number(right.headers()['retry-after'])).toBeGreaterThan(0);
  }

  // Another account is unaffected.
  const other = await playwright.request.newContext({ baseURL });
  const signedIn = await other.post('/api/auth/callback/credentials', {
    form: { email: bystander.email, password: bystander.password, csrfToken: await csrfToken(other) },
    maxRedirects: 0,
  });
  expect(signedIn.status()).toBe(302);
  expect(signedIn.headers().location).not.toContain('error');

  // The owner resets the password by e-mail and is in straight away.
  const page = await newClientPage(browser);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  // Same field label as the sign-in form: fill it only once the new page is there.
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByLabel('E-mail').fill(victim.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/check-email');
  await followEmailLink(page, victim.email, SUBJECTS.reset, '/reset-password');
  await page.getByLabel('New password', { exact: true }).fill('victim-password-2');
  await page.getByLabel('New password again').fill('victim-password-2');
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
});

test('[AUTH] the sign-in form explains the limit and keeps the e-mail', async ({ page }) => {
  await awayFromWindowEdge();
  const email = uniqueEmail('form-guess');
  await page.goto('/sign-in');
  const form = page.locator('form');
  for (let i = 0; i <= ATTEMPTS; i++) {
    if (i === 0) await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(`wrong-${i}`);
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    const expected =
      i < ATTEMPTS
        ? 'The e-mail or password is incorrect.'
        : /^Too many sign-in attempts for this account\. Try again in \d+ minutes?\.$/;
    await expect(form.getByRole('alert')).toHaveText(expected);
    // The e-mail survives each failed attempt; the password does not.
    await expect(page.getByLabel('E-mail')).toHaveValue(email);
    await expect(page.getByLabel('Password')).toHaveValue('');
  }
});
