import { signOut, signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, test } from '../support/fixtures';

// Each of these is turned by a browser (or by WHATWG URL parsing) into a link to evil.example.
const HOSTILE = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/%09/evil.example',
  '//evil.example',
  '/\\evil.example',
  '/\t\\evil.example',
  '/.//evil.example',
  'https://evil.example/',
];

test('[SECURITY] sign-in and sign-up never redirect to another site, however the target is disguised', async ({
  page,
}) => {
  const user = { name: 'Rita Redirect', email: uniqueEmail('redirect'), password: 'redirect-password-1' };
  await signUp(page, user);

  // Signed in, the auth pages send you on at once: only ever to a path of ours.
  for (const target of HOSTILE) {
    for (const path of ['/sign-in', '/sign-up']) {
      const response = await page.request.get(`${path}?callbackUrl=${encodeURIComponent(target)}`, {
        maxRedirects: 0,
      });
      const location = response.headers().location ?? '';
      // Resolved the way a browser resolves a Location header.
      expect(new URL(location, E2E.appUrl).origin, `${path} ${JSON.stringify(target)} → ${location}`).toBe(
        E2E.appUrl,
      );
    }
  }
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/\t/evil.example')}`);
  await expect(page).toHaveURL((url) => url.origin === E2E.appUrl && url.pathname === '/accounts');

  // Signing in through the form with a hostile target lands on the dashboard.
  await signOut(page);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/\t/evil.example')}`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.origin === E2E.appUrl && url.pathname === '/accounts');

  // And posting straight to Auth.js with one is answered with a redirect to our own origin.
  await signOut(page);
  const csrf = ((await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
  for (const target of HOSTILE) {
    const response = await page.request.post('/api/auth/callback/credentials', {
      form: { email: user.email, password: user.password, csrfToken: csrf, callbackUrl: target },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(new URL(response.headers().location ?? '', E2E.appUrl).origin).toBe(E2E.appUrl);
  }
});

test('[SECURITY] Auth.js takes its URL from APP_URL, not from X-Forwarded-Host', async ({ request }) => {
  const csrf = ((await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
  const response = await request.post('/api/auth/callback/credentials', {
    form: { email: uniqueEmail('nobody'), password: 'whatever-password', csrfToken: csrf },
    headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(new URL(response.headers().location ?? '').origin).toBe(E2E.appUrl);
});
