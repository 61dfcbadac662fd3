import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SECRET_PREFIXES } from '../../../sandbox/core/config';
import { signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, test } from '../support/fixtures';

const PREFIXES = Object.values(SECRET_PREFIXES);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test('[ACCOUNTS] no token, code or secret reaches the browser, a URL, the client bundle or the server log', async ({
  page,
}) => {
  const seen: string[] = [];
  page.on('response', async (response) => {
    seen.push(response.url());
    const location = response.headers().location;
    if (location) seen.push(location);
    const type = response.headers()['content-type'] ?? '';
    // Only our own responses count; the sandbox's token endpoints are TikTok's business.
    if (response.url().startsWith(E2E.appUrl) && /text|json|javascript|x-component/.test(type)) {
      seen.push(await response.text().catch(() => ''));
    }
  });
  await signUp(page, { name: 'Lee Leak', email: uniqueEmail('leak'), password: 'leak-password-1' });
  await page.getByRole('button', { name: 'Connect a creator account' }).click();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Refresh profile of', exact: false }).click();
  await page.reload();
  await expect(page.getByTestId('account-row')).toHaveCount(1);

  // The callback URL itself carries TikTok's code; what we build and serve afterwards must not.
  const ours = seen.filter((text) => !text.includes('/api/connect/') && !text.startsWith(E2E.sandboxUrl));
  for (const text of ours) for (const prefix of PREFIXES) expect(text).not.toContain(prefix);

  for (const file of filesUnder('.next/static')) {
    const content = readFileSync(file, 'utf8');
    for (const prefix of PREFIXES) expect(content, `${file} contains ${prefix}`).not.toContain(prefix);
  }
  const log = readFileSync(E2E.serverLogPath, 'utf8');
  for (const prefix of PREFIXES) expect(log).not.toContain(prefix);
});
