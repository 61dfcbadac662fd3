import { randomBytes } from 'node:crypto';
import { signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, test } from '../support/fixtures';
import { resetClocks, travelInTime } from '../support/time-travel';

test.describe('workspace time', () => {
  // The browser says it is in Tokyo: sign-up preselects that zone.
  test.use({ timezoneId: 'Asia/Tokyo' });
  test.afterEach(async ({ request }) => {
    await resetClocks(request);
  });

  test('[TIME] sign-up takes the browser’s zone; the owner changes zone and slug; the app clock moves with the sandbox', async ({
    page,
    request,
  }) => {
    const workspace = `Tempo ${randomBytes(2).toString('hex')}`;
    await page.goto('/sign-up');
    await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Tokyo');
    await signUp(page, {
      name: 'Tim Tempo',
      email: uniqueEmail('tempo'),
      password: 'tempo-password-1',
      workspace,
    });

    await page.goto('/settings');
    await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Tokyo');
    const slug = page.getByLabel('Slug');
    await expect(slug).toHaveValue(workspace.toLowerCase().replace(' ', '-'));
    await slug.fill('Not a slug!');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Use lower-case letters, digits and single hyphens')).toBeVisible();
    const newSlug = `tempo-${randomBytes(3).toString('hex')}`;
    await slug.fill(newSlug);
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Slug')).toHaveValue(newSlug);
    await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
    await page.goto('/settings/audit');
    await expect(page.getByTestId('audit-event').first()).toContainText('changed the workspace settings');
    await expect(page.getByTestId('audit-event').first()).toContainText(
      'Time zone Asia/Tokyo → Europe/Berlin',
    );
    // Shown in the workspace's zone, Berlin (winter GMT+1, summer GMT+2).
    await expect(page.getByTestId('audit-event').first().locator('time')).toContainText(/GMT\+[12]/);

    // A creator connected now shows "just now"; three days later (both clocks) "3 days ago".
    const username = `tt_${randomBytes(3).toString('hex')}`;
    await request.post(`${E2E.sandboxUrl}/_sandbox/users`, {
      data: { kind: 'creator', privacy: 'public', username },
    });
    await page.goto('/accounts');
    await page.getByRole('button', { name: 'Connect a creator account' }).click();
    await page.getByLabel(new RegExp(`@${username}`)).check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    const row = page.getByTestId('account-row').filter({ hasText: `@${username}` });
    await expect(row.getByTestId('stat-last sync')).toHaveText('just now');
    await travelInTime(request, { days: 3 });
    await page.reload();
    await expect(row.getByTestId('stat-last sync')).toHaveText('3 days ago');
  });
});
