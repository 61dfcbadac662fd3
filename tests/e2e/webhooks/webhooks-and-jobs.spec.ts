import { createHmac, randomBytes } from 'node:crypto';
import { DEFAULT_CREDENTIALS } from '../../../sandbox/core/config';
import { signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, test } from '../support/fixtures';

function signed(body: string, secret: string = DEFAULT_CREDENTIALS.loginKit.secret) {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},s=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

test('[WEBHOOKS] removing Tokdesk on TikTok disconnects the account within seconds and the event is listed', async ({
  page,
  request,
}) => {
  await signUp(page, {
    name: 'Wendy Webhooks',
    email: uniqueEmail('webhooks'),
    password: 'webhooks-password-1',
    workspace: 'Webhook Works',
  });
  // A creator of our own, so revoking it touches no other test's accounts.
  const username = `wh_${randomBytes(3).toString('hex')}`;
  const created = await request.post(`${E2E.sandboxUrl}/_sandbox/users`, {
    data: { kind: 'creator', privacy: 'public', username },
  });
  expect(created.status()).toBe(201);
  const { user } = (await created.json()) as { user: { id: string } };

  await page.getByRole('button', { name: 'Connect a creator account' }).click();
  await page.getByLabel(new RegExp(`@${username}`)).check();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('connect-toast')).toContainText(`Connected @${username}`);
  const row = page.getByTestId('account-row').filter({ hasText: `@${username}` });
  await expect(row.getByText('Active', { exact: true })).toBeVisible();

  // The user removes Tokdesk in the TikTok app: the sandbox sends a signed authorization.removed.
  const revoked = await request.post(`${E2E.sandboxUrl}/_sandbox/authorizations/revoke`, {
    data: { userId: user.id, reason: 1 },
  });
  expect(revoked.ok()).toBe(true);
  await expect(async () => {
    await page.reload();
    await expect(row.getByText('Disconnected', { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(row.getByTestId('account-status-reason')).toContainText(
    'removed Tokdesk in TikTok’s settings',
  );

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page
    .getByRole('navigation', { name: 'Settings' })
    .getByRole('link', { name: 'Webhooks & jobs' })
    .click();
  await expect(page).toHaveURL((url) => url.pathname === '/settings/webhooks');
  const event = page.getByTestId('webhook-event').filter({ hasText: `@${username}` });
  await expect(event).toHaveCount(1);
  await expect(event).toContainText('authorization.removed');
  await expect(event).toContainText('TikTok (creators)');
  await expect(event).toContainText('processed');
  await expect(event).toContainText('Account disconnected in one workspace.');
  await expect(page.getByTestId('queue-stats')).toBeVisible();
});

test('[WEBHOOKS] signed deliveries are stored once and held for their feature; app-wide ones and /operator stay hidden from tenants', async ({
  page,
  request,
}) => {
  await signUp(page, {
    name: 'Otto Owner',
    email: uniqueEmail('owner'),
    password: 'owner-password-1',
    workspace: 'Ops Ltd',
  });
  const username = `wh2_${randomBytes(3).toString('hex')}`;
  const created = await request.post(`${E2E.sandboxUrl}/_sandbox/users`, {
    data: { kind: 'creator', privacy: 'public', username },
  });
  expect(created.status()).toBe(201);
  const { user } = (await created.json()) as { user: { openId: string } };
  await page.getByRole('button', { name: 'Connect a creator account' }).click();
  await page.getByLabel(new RegExp(`@${username}`)).check();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('connect-toast')).toContainText(`Connected @${username}`);

  const body = (openId: string) =>
    JSON.stringify({
      client_key: DEFAULT_CREDENTIALS.loginKit.id,
      // An event no feature handles yet (publishing and the inbox now handle theirs).
      event: 'video.publish.completed',
      create_time: Math.floor(Date.now() / 1000),
      user_openid: openId,
      content: JSON.stringify({ share_id: `share-${openId}` }),
    });
  const url = `${E2E.appUrl}/api/webhooks/tiktok`;
  const headers = (signature: string) => ({
    'content-type': 'application/json',
    'TikTok-Signature': signature,
  });
  const ours = body(user.openId);
  const forged = await request.post(url, { data: ours, headers: headers(signed(ours, 'sbx-secret-forged')) });
  expect(forged.status()).toBe(401);
  for (let delivery = 0; delivery < 2; delivery += 1) {
    const response = await request.post(url, { data: ours, headers: headers(signed(ours)) });
    expect(response.status()).toBe(200);
  }
  // About an account no workspace has: the installation's, not this tenant's.
  const appWide = body(`open-e2e-${randomBytes(4).toString('hex')}`);
  expect((await request.post(url, { data: appWide, headers: headers(signed(appWide)) })).status()).toBe(200);

  await page.goto('/settings/webhooks');
  const event = page.getByTestId('webhook-event').filter({ hasText: `@${username}` });
  await expect(async () => {
    await page.reload();
    await expect(event).toContainText('waiting for a handler', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(event).toHaveCount(1);
  await expect(event).toContainText('video.publish.completed');
  await expect(event).toContainText('Tokdesk does not handle "video.publish.completed" events yet');
  await expect(page.getByTestId('webhook-event')).toHaveCount(1);

  const operator = await page.goto('/operator');
  expect(operator?.status()).toBe(404);
});
