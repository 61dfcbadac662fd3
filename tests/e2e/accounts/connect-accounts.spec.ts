import { signUp, uniqueEmail } from '../support/auth-steps';
import { expect, test } from '../support/fixtures';

test('[ACCOUNTS] an owner connects a creator, a business and ad accounts, reconnects and disconnects', async ({
  page,
}) => {
  await signUp(page, {
    name: 'Casey Connector',
    email: uniqueEmail('connector'),
    password: 'connector-password-1',
    workspace: 'Connect Co',
  });
  await expect(page.getByRole('heading', { name: 'No TikTok accounts connected yet' })).toBeVisible();
  const rows = page.getByTestId('account-row');

  // Creator: Login Kit consent page on the sandbox, first sandbox creator, every scope ticked.
  await page.getByRole('button', { name: 'Connect a creator account' }).click();
  await expect(page).toHaveURL(/\/v2\/auth\/authorize/);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
  await expect(page.getByTestId('connect-toast')).toContainText('Connected @');
  await expect(rows).toHaveCount(1);
  const creator = rows.first();
  await expect(creator.getByText('Creator', { exact: true })).toBeVisible();
  await expect(creator.getByText('Active', { exact: true })).toBeVisible();
  await expect(creator.getByTestId('stat-followers')).not.toHaveText('—');
  await expect(creator.getByTestId('stat-videos')).not.toHaveText('—');
  await expect(creator.getByTestId('stat-access')).toHaveText('renews automatically');
  const creatorId = await creator.getAttribute('data-account-id');

  // Business: same consent page, business users listed.
  await page.getByRole('button', { name: '+ Business account' }).click();
  await expect(page).toHaveURL(/\/v2\/auth\/authorize/);
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('connect-toast')).toContainText('Connected');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Business' }).getByTestId('stat-followers')).not.toHaveText('—');

  // Ads: the portal lists three advertisers; untick one there, then keep two of the rest here.
  await page.getByRole('button', { name: '+ Ad accounts' }).click();
  await expect(page).toHaveURL(/\/portal\/auth/);
  await page.getByRole('checkbox').nth(2).uncheck();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts/connect/ads');
  await expect(page.getByRole('checkbox')).toHaveCount(2);
  await page.getByRole('button', { name: 'Connect 2 ad accounts' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
  await expect(page.getByTestId('connect-toast')).toContainText('Connected 2 ad accounts');
  await expect(rows).toHaveCount(4);
  const shopUs = rows.filter({ hasText: 'Sandbox Shop US' });
  await expect(shopUs.getByTestId('stat-currency')).toHaveText('USD');
  await expect(shopUs.getByTestId('stat-time zone')).toHaveText('America/Los_Angeles');

  // Reconnect keeps the same row.
  await page.locator(`[data-account-id="${creatorId}"]`).getByRole('button', { name: 'Reconnect' }).click();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('connect-toast')).toContainText('Reconnected @');
  await expect(rows).toHaveCount(4);
  await expect(page.locator(`[data-account-id="${creatorId}"]`)).toBeVisible();

  // Disconnect: confirm, revoke at TikTok, row and history stay.
  const row = page.locator(`[data-account-id="${creatorId}"]`);
  await row.getByRole('button', { name: /^Disconnect/ }).click();
  const confirm = page.getByRole('alertdialog', { name: /^Disconnect @/ });
  await expect(confirm).toContainText('Its history stays.');
  // Cancel changes nothing; the confirming button disconnects.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: /^Disconnect/ }).click();
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText('Disconnected', { exact: true })).toBeVisible();
  await expect(row.getByTestId('account-status-reason')).toContainText('Disconnected in Tokdesk');
  await expect(rows).toHaveCount(4);

  // Reconnecting a disconnected account brings the same row back to active.
  await row.getByRole('button', { name: 'Reconnect' }).click();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('connect-toast')).toContainText('Reconnected');
  await expect(
    page.locator(`[data-account-id="${creatorId}"]`).getByText('Active', { exact: true }),
  ).toBeVisible();
});

test('[ACCOUNTS] a user who cancels on TikTok lands on the dashboard with a readable message', async ({
  page,
}) => {
  await signUp(page, { name: 'Dee Denier', email: uniqueEmail('denier'), password: 'denier-password-1' });
  await page.getByRole('button', { name: 'Connect a business account' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
  await expect(page.getByTestId('connect-toast')).toContainText('You cancelled the connection on TikTok');
  await expect(page.getByRole('heading', { name: 'No TikTok accounts connected yet' })).toBeVisible();
});
