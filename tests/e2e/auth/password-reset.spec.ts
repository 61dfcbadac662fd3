import { followEmailLink, SUBJECTS, signIn, signUp, uniqueEmail } from '../support/auth-steps';
import { expect, newClientPage, test } from '../support/fixtures';

test('[AUTH] forgot password: a link through the outbox sets a new password, signs out every other session and works once', async ({
  browser,
}) => {
  const user = { name: 'Fern Forgetful', email: uniqueEmail('forgetful'), password: 'old-password-1' };
  const laptop = await newClientPage(browser);
  await signUp(laptop, user);

  const phone = await newClientPage(browser);
  await phone.goto('/sign-in');
  await phone.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(phone.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await phone.getByLabel('E-mail').fill(user.email.toUpperCase());
  await phone.getByRole('button', { name: 'Send reset link' }).click();
  await expect(phone.getByText(`If ${user.email} has a Tokdesk account, we sent it a link`)).toBeVisible();

  const link = await followEmailLink(phone, user.email, SUBJECTS.reset, '/reset-password');
  expect(link.origin).toBe(new URL(phone.url()).origin);
  await expect(phone.getByText(`For ${user.email}.`)).toBeVisible();
  await phone.getByLabel('New password', { exact: true }).fill('new-password-1');
  await phone.getByLabel('New password again').fill('new-password-2');
  await phone.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(phone.getByText('The two passwords differ.')).toBeVisible();
  await phone.getByLabel('New password', { exact: true }).fill('new-password-1');
  await phone.getByLabel('New password again').fill('new-password-1');
  await phone.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(phone).toHaveURL((url) => url.pathname === '/accounts');

  // The laptop's session ended with the reset.
  await laptop.reload();
  await expect(laptop).toHaveURL((url) => url.pathname === '/sign-in');

  // The owner is told, and the link does not work twice.
  await followEmailLink(phone, user.email, SUBJECTS.changed, '/forgot-password');
  await phone.goto(link.toString());
  await expect(
    phone
      .getByRole('alert')
      .filter({ hasText: 'This reset link has expired or was already used. Ask for a new one.' }),
  ).toBeVisible();

  await signIn(laptop, user.email, 'new-password-1');
});

test('[AUTH] forgot password answers the same for an address without an account', async ({ page }) => {
  const nobody = uniqueEmail('nobody');
  await page.goto('/forgot-password');
  await page.getByLabel('E-mail').fill(nobody);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/check-email');
  await expect(page.getByText(`If ${nobody} has a Tokdesk account, we sent it a link`)).toBeVisible();
  await page.goto('/dev/outbox');
  await expect(page.getByTestId('outbox-email').filter({ hasText: nobody })).toHaveCount(0);
});
