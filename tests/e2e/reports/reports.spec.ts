import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, test } from '../support/fixtures';
import { resetClocks, travelInTime } from '../support/time-travel';

test.describe('reports', () => {
  test.afterEach(async ({ request }) => {
    await resetClocks(request);
  });

  test('[REPORTS] Run now shows progress, the chart gains the new day, and the downloaded CSV is the stored file byte for byte', async ({
    page,
    request,
  }) => {
    // Two collections and a sign-up on a shared, slow machine.
    test.setTimeout(150_000);
    await signUp(page, {
      name: 'Rita Reports',
      email: uniqueEmail('reports'),
      password: 'reports-password-1',
      workspace: `Reports ${randomBytes(2).toString('hex')}`,
    });
    const username = `rep_${randomBytes(3).toString('hex')}`;
    await request.post(`${E2E.sandboxUrl}/_sandbox/users`, {
      data: {
        kind: 'creator',
        privacy: 'public',
        username,
        videos: [{ title: 'Launch day, "finally" 🎉' }, { title: 'Behind the scenes' }, { title: 'Q&A' }],
      },
    });
    await page.goto('/settings');
    const slug = await page.getByLabel('Slug').inputValue();

    await page.goto('/reports');
    await expect(page.getByRole('heading', { name: 'No accounts to report on yet' })).toBeVisible();
    await page.goto('/accounts');
    await page.getByRole('button', { name: 'Connect a creator account' }).click();
    await page.getByLabel(new RegExp(`@${username}`)).check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    const accountId = await page
      .getByTestId('account-row')
      .filter({ hasText: `@${username}` })
      .getAttribute('data-account-id');

    // Day 1.
    await page.goto('/reports');
    await expect(page.getByText('No run yet.')).toBeVisible();
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect(page.getByTestId('last-run-status')).toHaveText('succeeded', { timeout: 30_000 });
    await expect(page.getByText('3 rows', { exact: true })).toBeVisible();
    const followers = page.getByTestId('table-Followers');
    await expect(followers.locator('tbody tr')).toHaveCount(1);
    const day1 = (await followers.locator('tbody tr th').first().textContent()) ?? '';

    // Day 2: both clocks a day later; the charts gain the new day.
    await travelInTime(request, { days: 1, seconds: 3600 });
    await page.reload();
    // Slow TikTok's video list down a little, so the run is long enough to watch.
    await request.post(`${E2E.sandboxUrl}/_sandbox/faults`, {
      data: { endpoint: 'open-api.video.list', latencyMs: 2500, count: 1 },
    });
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect(page.getByTestId('run-progress')).toHaveText(/of 1 accounts collected/);
    await expect(followers.locator('tbody tr')).toHaveCount(2, { timeout: 30_000 });
    await expect(page.getByTestId('last-run-status')).toHaveText('succeeded');
    const day2 = (await followers.locator('tbody tr th').nth(1).textContent()) ?? '';
    expect(day2 > day1).toBe(true);
    // Views per day has a number for the new day (the change since day 1).
    await expect(
      page.getByTestId('table-Views per day').locator('tbody tr').nth(1).locator('td'),
    ).not.toHaveText('–');

    // The day's CSV from the page is the stored file, byte for byte.
    const downloading = page.waitForEvent('download');
    await page.getByTestId(`download-${day2}`).click();
    const download = await downloading;
    const downloaded = await readFile((await download.path()) ?? '');
    const stored = await readFile(
      path.join(
        E2E.storageDir,
        'reports',
        slug,
        'creator',
        accountId ?? '',
        `dt=${day2}`,
        `creator_${accountId}_${day2}.csv`,
      ),
    );
    expect(downloaded.equals(stored)).toBe(true);
    expect(downloaded.toString('utf8')).toContain('"Launch day, ""finally"" 🎉"');
    const manifest = JSON.parse(
      await readFile(
        path.join(E2E.storageDir, 'reports', slug, '_manifests', `dt=${day2}`, '_manifest.json'),
        'utf8',
      ),
    );
    expect(manifest.files).toHaveLength(1);
    expect(manifest.files[0].bytes).toBe(stored.length);
  });
});
