import { signUp, uniqueEmail } from '../support/auth-steps';
import { expect, randomClientIp, test } from '../support/fixtures';

test('[WORKSPACES] a form rendered for one workspace refuses to act after another tab switched workspace', async ({
  browser,
}) => {
  // Two tabs share one browser's cookies, the workspace cookie included.
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': randomClientIp() } });
  const tabA = await context.newPage();
  await signUp(tabA, {
    name: 'Tess Tabs',
    email: uniqueEmail('tabs'),
    password: 'tabs-password-1',
    workspace: 'First Brand',
  });
  await tabA.goto('/workspaces/new');
  await tabA.getByLabel('Workspace name').fill('Second Brand');
  await tabA.getByRole('button', { name: 'Create workspace' }).click();
  await expect(tabA.getByTestId('current-workspace').first()).toHaveText('Second Brand');
  const switchTo = async (page: typeof tabA, name: string) => {
    await page
      .getByLabel(/Switch workspace/)
      .first()
      .click();
    await page
      .getByRole('list', { name: 'Your workspaces' })
      .first()
      .getByRole('button', { name: new RegExp(name) })
      .click();
    await expect(page.getByTestId('current-workspace').first()).toHaveText(name);
  };
  await switchTo(tabA, 'First Brand');

  // Tab A: First Brand's settings, with a pending invitation.
  const invitee = uniqueEmail('invitee');
  await tabA.goto('/settings');
  await tabA.getByLabel('E-mail').fill(invitee);
  await tabA.getByRole('button', { name: 'Create invitation' }).click();
  await expect(tabA.getByTestId('invitation-link')).toBeVisible();
  await tabA.reload();
  await expect(tabA.getByText('People and history of First Brand.')).toBeVisible();

  // Tab B switches to Second Brand.
  const tabB = await context.newPage();
  await tabB.goto('/accounts');
  await switchTo(tabB, 'Second Brand');

  // Back in tab A, "Revoke" must not land in Second Brand (or anywhere): it is refused, with a way out.
  const mismatch =
    'This page belongs to workspace “First Brand”; you switched to “Second Brand” in another tab. Reload to continue.';
  await tabA.getByRole('button', { name: `Revoke invitation for ${invitee}` }).click();
  const invitationRow = tabA.getByRole('listitem').filter({ hasText: invitee });
  await expect(invitationRow.getByRole('alert')).toHaveText(mismatch);

  // The invite form says the same, and keeps what was typed.
  const second = uniqueEmail('second');
  await tabA.getByLabel('E-mail').fill(second);
  await tabA.getByLabel('Role').selectOption('admin');
  await tabA.getByRole('button', { name: 'Create invitation' }).click();
  const inviteCard = tabA.locator('section').filter({ hasText: 'Invite a teammate' });
  await expect(inviteCard.getByRole('alert')).toHaveText(mismatch);
  await expect(tabA.getByLabel('E-mail')).toHaveValue(second);
  await expect(tabA.getByLabel('Role')).toHaveValue('admin');

  // Reloading shows where the user really is; First Brand still has its invitation, Second Brand none.
  await tabA.reload();
  await expect(tabA.getByText('People and history of Second Brand.')).toBeVisible();
  await expect(tabA.getByText('No pending invitations.')).toBeVisible();
  await switchTo(tabA, 'First Brand');
  await tabA.goto('/settings');
  await expect(tabA.getByRole('button', { name: `Revoke invitation for ${invitee}` })).toBeVisible();
  await expect(tabA.getByRole('button', { name: `Revoke invitation for ${second}` })).toHaveCount(0);
  await context.close();
});

test('[WORKSPACES] a new-workspace form that fails keeps its name', async ({ page }) => {
  await signUp(page, { name: 'Nia Namer', email: uniqueEmail('namer'), password: 'namer-password-1' });
  await page.goto('/workspaces/new');
  const long = 'A'.repeat(101);
  await page.getByLabel('Workspace name').fill(long);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByLabel('Workspace name')).toHaveValue(long);
});
