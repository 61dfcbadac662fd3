import {
  confirmEmail,
  fillSignUp,
  openEmail,
  signIn,
  signOut,
  signUp,
  uniqueEmail,
} from '../support/auth-steps';
import { expect, test } from '../support/fixtures';

test('[WORKSPACES] an owner invites an agent, who joins only once their address is confirmed and sees the agent navigation', async ({
  page,
}) => {
  const owner = {
    name: 'Olivia Owner',
    email: uniqueEmail('owner'),
    password: 'owner-password-1',
    workspace: 'Acme Social',
  };
  const agent = { name: 'Aiden Agent', email: uniqueEmail('agent'), password: 'agent-password-1' };

  await signUp(page, owner);
  await expect(page.getByTestId('current-workspace').first()).toHaveText('Acme Social');
  const main = page.getByRole('navigation', { name: 'Main' });
  for (const item of ['Accounts', 'Inbox', 'Publish', 'Reports', 'Settings']) {
    await expect(main.getByRole('link', { name: item })).toBeVisible();
  }

  await main.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('E-mail').fill(agent.email);
  await page.getByLabel('Role').selectOption('agent');
  await page.getByRole('button', { name: 'Create invitation' }).click();
  await expect(page.getByText(`We e-mailed an invitation to ${agent.email}.`)).toBeVisible();
  const link = await page.getByTestId('invitation-link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  await signOut(page);

  // The invitee gets the link by e-mail.
  const invitationEmail = await openEmail(
    page,
    agent.email,
    'Olivia Owner invited you to Acme Social on Tokdesk',
  );
  await invitationEmail.getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { name: 'Join Acme Social on Tokdesk' })).toBeVisible();
  await page.getByRole('link', { name: `Create an account for ${agent.email}` }).click();
  await expect(page.getByText('You are joining Acme Social as agent.')).toBeVisible();
  await expect(page.getByLabel('E-mail')).toHaveValue(agent.email);
  await fillSignUp(page, { name: agent.name, password: agent.password });
  await expect(page).toHaveURL((url) => url.pathname === '/check-email');

  // Whoever holds the link but not the mailbox gets no further: no session, no membership.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(new URL(link).pathname)}`);
  await page.getByLabel('E-mail').fill(agent.email);
  await page.getByLabel('Password').fill(agent.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(
    `Confirm your e-mail address first: we sent a link to ${agent.email}.`,
  );
  await page.goto(link);
  await expect(page.getByRole('link', { name: `Create an account for ${agent.email}` })).toBeVisible();

  await confirmEmail(page, agent.email);
  await page.getByLabel('Password').fill(agent.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === new URL(link).pathname);
  await page.getByRole('button', { name: 'Join Acme Social' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
  await expect(page.getByTestId('current-workspace').first()).toHaveText('Acme Social');
  await signOut(page);

  await signIn(page, agent.email, agent.password);
  await expect(page.getByTestId('current-workspace').first()).toHaveText('Acme Social');
  await expect(main.getByRole('link', { name: 'Accounts' })).toBeVisible();
  await expect(main.getByRole('link', { name: 'Inbox' })).toBeVisible();
  for (const item of ['Publish', 'Reports', 'Settings']) {
    await expect(main.getByRole('link', { name: item })).toHaveCount(0);
  }
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  await signOut(page);

  await signIn(page, owner.email, owner.password);
  await page.goto('/settings/audit');
  const events = page.getByTestId('audit-event');
  await expect(events.filter({ hasText: 'accepted an invitation' })).toHaveCount(1);
  await expect(events.filter({ hasText: 'invited a teammate' })).toHaveCount(1);
  await expect(events.filter({ hasText: 'Aiden Agent confirmed their e-mail address' })).toHaveCount(1);
  // Once to join (after confirming), once by hand; the refused attempt before confirming is no sign-in.
  await expect(events.filter({ hasText: 'Aiden Agent signed in' })).toHaveCount(2);
});
