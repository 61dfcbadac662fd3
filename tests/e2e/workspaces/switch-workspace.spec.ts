import { signUp, uniqueEmail } from '../support/auth-steps';
import { expect, test } from '../support/fixtures';

test('[WORKSPACES] a user with two workspaces switches between them', async ({ page }) => {
  await signUp(page, {
    name: 'Sam Switcher',
    email: uniqueEmail('switch'),
    password: 'switch-password-1',
    workspace: 'First Brand',
  });
  const current = page.getByTestId('current-workspace').first();
  await expect(current).toHaveText('First Brand');

  await page
    .getByLabel(/Switch workspace/)
    .first()
    .click();
  await page.getByRole('link', { name: '+ New workspace' }).first().click();
  await page.getByLabel('Workspace name').fill('Second Brand');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
  await expect(current).toHaveText('Second Brand');

  await page
    .getByLabel(/Switch workspace/)
    .first()
    .click();
  const menu = page.getByRole('list', { name: 'Your workspaces' }).first();
  await expect(menu.getByRole('button')).toHaveCount(2);
  await menu.getByRole('button', { name: /First Brand/ }).click();
  await expect(current).toHaveText('First Brand');

  // The choice is remembered across navigation.
  await page.goto('/settings');
  await expect(page.getByText('People and history of First Brand.')).toBeVisible();
});
