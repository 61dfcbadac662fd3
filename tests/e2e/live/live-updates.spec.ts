import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, newClientPage, test } from '../support/fixtures';

test('[LIVE] an account removed on TikTok turns disconnected on the open dashboard, without a reload', async ({
  page,
  request,
}) => {
  await signUp(page, {
    name: 'Lena Live',
    email: uniqueEmail('live'),
    password: 'live-password-1',
    workspace: 'Live Works',
  });
  const username = `live_${randomBytes(3).toString('hex')}`;
  const created = await request.post(`${E2E.sandboxUrl}/_sandbox/users`, {
    data: { kind: 'creator', privacy: 'public', username },
  });
  const { user } = (await created.json()) as { user: { id: string } };
  await page.getByRole('button', { name: 'Connect a creator account' }).click();
  await page.getByLabel(new RegExp(`@${username}`)).check();
  await page.getByRole('button', { name: 'Authorize' }).click();
  const row = page.getByTestId('account-row').filter({ hasText: `@${username}` });
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

  // A full reload would drop this marker; a live update keeps the page as it is.
  await page.evaluate(() => {
    (window as unknown as { stillSamePage: boolean }).stillSamePage = true;
  });
  const revoked = await request.post(`${E2E.sandboxUrl}/_sandbox/authorizations/revoke`, {
    data: { userId: user.id, reason: 1 },
  });
  expect(revoked.ok()).toBe(true);
  await expect(row.getByText('Disconnected', { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(row.getByTestId('account-status-reason')).toContainText(
    'removed Tokdesk in TikTok’s settings',
  );
  expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(
    true,
  );
});

test('[LIVE] another workspace’s feed answers 404, signed out 401; bad input 4xx, an unknown cursor a reset', async ({
  page,
  browser,
  playwright,
}) => {
  await signUp(page, {
    name: 'Nora Nosy',
    email: uniqueEmail('nosy'),
    password: 'nosy-password-1',
    workspace: 'Nosy Ltd',
  });
  const other = await newClientPage(browser);
  await signUp(other, {
    name: 'Olga Other',
    email: uniqueEmail('other'),
    password: 'other-password-1',
    workspace: 'Other Ltd',
  });
  const workspaceOf = async (request: APIRequestContext) =>
    ((await (await request.get('/api/workspaces')).json()) as { workspaces: { id: string }[] }).workspaces[0]!
      .id;
  const mine = await workspaceOf(page.request);
  const theirs = await workspaceOf(other.request);
  for (const path of [`/api/workspaces/${theirs}/live`, `/api/workspaces/${theirs}/live/events`]) {
    expect((await page.request.get(path)).status()).toBe(404);
  }
  const anonymous = await playwright.request.newContext({ baseURL: E2E.appUrl });
  expect((await anonymous.get(`/api/workspaces/${mine}/live/events`)).status()).toBe(401);
  await anonymous.dispose();

  expect((await page.request.get(`/api/workspaces/${mine}/live/events?wait=999`)).status()).toBe(400);
  const unknown = await page.request.get(`/api/workspaces/${mine}/live/events?cursor=not-a-cursor`);
  expect(unknown.status()).toBe(200);
  expect(await unknown.json()).toMatchObject({ events: [], reset: true, cursor: expect.any(String) });
});
