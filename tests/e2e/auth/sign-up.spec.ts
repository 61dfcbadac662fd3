import { confirmEmail, fillSignUp, openEmail, SUBJECTS, signUp, uniqueEmail } from '../support/auth-steps';
import { expect, newClientPage, test } from '../support/fixtures';

test('[AUTH] a sign-up that fails validation keeps what was typed, except the password', async ({ page }) => {
  await page.goto('/sign-up');
  await fillSignUp(page, {
    name: 'Kim Keeper',
    email: 'kim-at-example',
    password: 'short',
    workspace: 'Keeper Co',
  });
  await expect(page.getByRole('alert').first()).toHaveText('Please correct the highlighted fields.');
  await expect(page.getByText('Enter a valid e-mail address.')).toBeVisible();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveValue('Kim Keeper');
  await expect(page.getByLabel('E-mail')).toHaveValue('kim-at-example');
  await expect(page.getByLabel('Workspace name')).toHaveValue('Keeper Co');
  await expect(page.getByLabel('Password')).toHaveValue('');

  // Correcting only what was wrong is enough.
  const email = uniqueEmail('keeper');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('long-enough-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/check-email');
  await confirmEmail(page, email);
  await page.getByLabel('Password').fill('long-enough-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-workspace').first()).toHaveText('Keeper Co');
});

test('[AUTH] sign-up answers the same whether or not the address has an account; its owner gets an e-mail', async ({
  browser,
}) => {
  const owner = { name: 'Orla Owner', email: uniqueEmail('taken'), password: 'owner-password-1' };
  const first = await newClientPage(browser);
  await signUp(first, owner);

  const attempt = async (email: string) => {
    const page = await newClientPage(browser);
    await page.goto('/sign-up');
    await fillSignUp(page, { name: 'Someone', email, password: 'someone-password-1' });
    await expect(page).toHaveURL((url) => url.pathname === '/check-email');
    return ((await page.getByRole('main').textContent()) ?? '').replace(email, '<email>');
  };
  const newcomer = uniqueEmail('newcomer');
  expect(await attempt(owner.email)).toBe(await attempt(newcomer));

  const notice = await openEmail(first, owner.email, SUBJECTS.exists);
  await expect(notice).toContainText('This address already has one, so nothing was changed.');
  await openEmail(first, newcomer, SUBJECTS.confirm);

  // The owner's password still works: nothing about the account changed.
  await first.goto('/accounts');
  await expect(first.getByTestId('current-workspace').first()).toBeVisible();
});
