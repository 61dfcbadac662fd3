import { signUp, uniqueEmail } from '../support/auth-steps';
import { expect, test } from '../support/fixtures';

const PAGES_SIGNED_OUT = ['/sign-in', '/sign-up', '/invite/not-a-real-token'];
const PAGES_SIGNED_IN = ['/accounts', '/inbox', '/settings', '/settings/audit', '/settings/webhooks'];

test('[ASSETS] every page names icons that load, and no page request 404s', async ({ page, request }) => {
  const notFound: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) notFound.push(response.url());
  });

  await page.goto('/sign-in');
  const links = await page
    .locator('head link[rel~="icon"], head link[rel="apple-touch-icon"], head link[rel="manifest"]')
    .evaluateAll((elements) =>
      elements.map((element) => ({
        rel: element.getAttribute('rel') ?? '',
        href: (element as HTMLLinkElement).href,
      })),
    );
  expect(links.map((link) => link.rel).sort()).toEqual(['apple-touch-icon', 'icon', 'icon', 'manifest']);
  for (const link of links.filter((candidate) => candidate.rel !== 'manifest')) {
    const icon = await request.get(link.href);
    expect(icon.status(), link.href).toBe(200);
    expect(icon.headers()['content-type'], link.href).toMatch(/^image\//);
  }

  // Browsers ask for /favicon.ico on their own, whatever the page links.
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);

  const manifestLink = links.find((link) => link.rel === 'manifest');
  const manifest = (await (await request.get(manifestLink?.href ?? '/manifest.webmanifest')).json()) as {
    icons: { src: string }[];
  };
  expect(manifest.icons.length).toBeGreaterThan(0);
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);

  for (const path of PAGES_SIGNED_OUT) await page.goto(path);
  await signUp(page, {
    name: 'Ivy Icons',
    email: uniqueEmail('icons'),
    password: 'icons-password-1',
    workspace: 'Icon Works',
  });
  for (const path of PAGES_SIGNED_IN) await page.goto(path);

  expect(notFound).toEqual([]);
});

test('[ASSETS] robots.txt and every response keep the app out of search engines', async ({
  page,
  request,
}) => {
  // Crawlers have no session: robots.txt must not redirect them to sign in.
  const robots = await request.get('/robots.txt', { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toContain('text/plain');
  const rules = (await robots.text())
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  expect(rules).toEqual(['User-agent: *', 'Disallow: /']);

  const response = await page.goto('/sign-in');
  expect(response?.headers()['x-robots-tag']).toBe('noindex, nofollow');
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
  const health = await request.get('/api/health');
  expect(health.headers()['x-robots-tag']).toBe('noindex, nofollow');
});
