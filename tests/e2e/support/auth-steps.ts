import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@e2e.tokdesk.test`;
}

export const SUBJECTS = {
  confirm: 'Confirm your e-mail address for Tokdesk',
  exists: 'You already have a Tokdesk account',
  reset: 'Reset your Tokdesk password',
  changed: 'Your Tokdesk password was changed',
} as const;

/**
 * The newest e-mail to `to` with `subject`, read from the development outbox (/dev/outbox) the way
 * a developer would; waits for it, since some e-mails are sent just after the response.
 */
export async function openEmail(page: Page, to: string, subject: string) {
  const email = page.getByTestId('outbox-email').filter({ hasText: subject }).filter({ hasText: to }).first();
  await expect(async () => {
    await page.goto('/dev/outbox');
    await expect(email).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  return email;
}

/** Follows the link to `path` in the newest matching e-mail. */
export async function followEmailLink(page: Page, to: string, subject: string, path: string) {
  const email = await openEmail(page, to, subject);
  const link = email.locator(`a[href*="${path}"]`).first();
  const href = await link.getAttribute('href');
  if (!href) throw new Error(`no ${path} link in “${subject}” to ${to}`);
  await page.goto(href);
  return new URL(href);
}

/** Clicks the confirmation link e-mailed to `email` and confirms on the page it opens. */
export async function confirmEmail(page: Page, email: string) {
  await followEmailLink(page, email, SUBJECTS.confirm, '/verify-email');
  await page.getByRole('button', { name: 'Confirm my e-mail address' }).click();
  await expect(page.getByText('Your e-mail address is confirmed. Sign in to continue.')).toBeVisible();
}

export async function fillSignUp(
  page: Page,
  user: { name: string; email?: string; password: string; workspace?: string },
) {
  await page.getByLabel('Your name').fill(user.name);
  if (user.email !== undefined) await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  if (user.workspace) await page.getByLabel('Workspace name').fill(user.workspace);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Signs up, confirms the address through the outbox and signs in: ends on /accounts. */
export async function signUp(
  page: Page,
  user: { name: string; email: string; password: string; workspace?: string },
) {
  await page.goto('/sign-up');
  await fillSignUp(page, user);
  await expect(page).toHaveURL((url) => url.pathname === '/check-email');
  await confirmEmail(page, user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in');
}

/**
 * An invitee's whole way in: the invitation link, sign-up, the confirmation e-mail, sign-in, then
 * Join on the invitation page. Ends on /accounts in the inviting workspace.
 */
export async function joinThroughInvitation(
  page: Page,
  link: string,
  user: { name: string; email: string; password: string },
) {
  await page.goto(link);
  await page.getByRole('link', { name: `Create an account for ${user.email}` }).click();
  await expect(page.getByLabel('E-mail')).toHaveValue(user.email);
  await fillSignUp(page, { name: user.name, password: user.password });
  await expect(page).toHaveURL((url) => url.pathname === '/check-email');
  await confirmEmail(page, user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname.startsWith('/invite/'));
  await page.getByRole('button', { name: /^Join / }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
}
