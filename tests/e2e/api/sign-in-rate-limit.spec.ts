import { uniqueEmail } from '../support/auth-steps';
import { expect, test } from '../support/fixtures';

test('[AUTH] repeated failed sign-ins are answered 429 with Retry-After', async ({ request }) => {
  const csrf = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const email = uniqueEmail('guess');
  const attempt = () =>
    request.post('/api/auth/callback/credentials', {
      form: { email, password: 'wrong-password', csrfToken: csrf.csrfToken },
      maxRedirects: 0,
    });

  for (let i = 0; i < 5; i += 1) {
    const response = await attempt();
    expect(response.status()).toBe(302);
    expect(response.headers().location).toContain('error=CredentialsSignin');
  }
  const limited = await attempt();
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
  const body = (await limited.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message).toMatch(/Too many sign-in attempts\. Try again in \d+ minutes?\./);
});

test('[AUTH] the sign-in form explains the limit', async ({ page }) => {
  const email = uniqueEmail('form-guess');
  await page.goto('/sign-in');
  const form = page.locator('form');
  for (let i = 0; i < 6; i += 1) {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(`wrong-${i}`);
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    const expected =
      i < 5
        ? 'The e-mail or password is incorrect.'
        : /Too many sign-in attempts\. Try again in \d+ minutes?\./;
    await expect(form.getByRole('alert')).toHaveText(expected);
  }
  // The e-mail survives a failed attempt; the password does not.
  await expect(page.getByLabel('E-mail')).toHaveValue(email);
});
