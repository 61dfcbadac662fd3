import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import sharp from 'sharp';
import { buildTestMp4 } from '../../helpers/build-test-video';
import { signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, test } from '../support/fixtures';
import { resetClocks, travelInTime } from '../support/time-travel';

/** A sandbox creator (comment on, duet off in their TikTok settings) connected through the consent page. */
async function connectCreator(page: Page, request: APIRequestContext) {
  const username = `pub_${randomBytes(3).toString('hex')}`;
  const created = await request.post(`${E2E.sandboxUrl}/_sandbox/users`, {
    data: { kind: 'creator', privacy: 'public', username, displayName: `Chef ${username}` },
  });
  const { user } = (await created.json()) as { user: { id: string; displayName: string } };
  await request.post(`${E2E.sandboxUrl}/_sandbox/users/${user.id}/flags`, { data: { duetDisabled: true } });
  await page.getByRole('button', { name: 'Connect a creator account' }).click();
  await page.getByLabel(new RegExp(`@${username}`)).check();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('account-row').filter({ hasText: `@${username}` })).toBeVisible();
  return { username, nickname: user.displayName };
}

async function chooseVideo(page: Page, bytes: number) {
  await page.getByLabel('Video', { exact: true }).setInputFiles({
    name: 'launch.mp4',
    mimeType: 'video/mp4',
    buffer: buildTestMp4({ durationSeconds: 15, width: 1080, height: 1920, totalBytes: bytes }),
  });
}

test.afterEach(async ({ request }) => {
  await resetClocks(request);
});

test('[PUBLISH] the composer follows TikTok’s Direct Post UX rules and the post reaches published live', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await signUp(page, {
    name: 'Pia Publisher',
    email: uniqueEmail('publish'),
    password: 'publish-password-1',
    workspace: 'Publish Co',
  });
  const { username, nickname } = await connectCreator(page, request);

  await page.goto('/publish/new');
  const post = page.getByRole('button', { name: 'Post', exact: true });
  // The consent sentence is there before anything else is chosen, and Post is disabled.
  await expect(page.getByTestId('consent')).toHaveText(
    "By posting, you agree to TikTok's Music Usage Confirmation.",
  );
  await expect(post).toBeDisabled();

  await chooseVideo(page, 25_000_000);
  await expect(page.getByRole('progressbar', { name: 'Uploading launch.mp4' })).toBeVisible();
  await expect(page.getByText('Uploaded launch.mp4.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('preview')).toBeVisible();

  await page.getByLabel(`@${username}`).check();
  const card = page.getByTestId('account-settings');
  // Fresh creator_info: the nickname of who will post.
  await expect(card.getByTestId('creator-nickname')).toHaveText(nickname);
  // Privacy: TikTok's options, none chosen.
  const privacy = card.getByLabel('Who can view this post');
  await expect(privacy).toHaveValue('');
  await expect(privacy.locator('option:not([disabled])')).toHaveText(['Everyone', 'Friends', 'Only me']);
  // Interaction switches: none pre-checked; the one the creator turned off is disabled.
  await expect(card.getByRole('checkbox', { name: /^Comment/ })).not.toBeChecked();
  await expect(card.getByRole('checkbox', { name: /^Comment/ })).toBeEnabled();
  await expect(card.getByRole('checkbox', { name: /^Duet/ })).not.toBeChecked();
  await expect(card.getByRole('checkbox', { name: /^Duet/ })).toBeDisabled();
  await expect(card.getByRole('checkbox', { name: /^Stitch/ })).not.toBeChecked();
  await expect(card.getByRole('checkbox', { name: /AI-generated/ })).not.toBeChecked();
  await expect(post).toBeDisabled();

  // Disclosure: off by default; on with nothing ticked blocks posting with TikTok's hint.
  const disclose = card.getByRole('switch', { name: 'Disclose video content' });
  await expect(disclose).not.toBeChecked();
  await disclose.click();
  await expect(
    card.getByText('You need to indicate if your content promotes yourself, a third party, or both.'),
  ).toBeVisible();
  await card.getByRole('checkbox', { name: /^Your brand/ }).check();
  await expect(card.getByTestId('disclosure-label')).toHaveText(
    'Your video will be labeled “Promotional content”.',
  );
  await expect(page.getByTestId('consent')).toHaveText(
    "By posting, you agree to TikTok's Music Usage Confirmation.",
  );
  await card.getByRole('checkbox', { name: /^Branded content/ }).check();
  await expect(card.getByTestId('disclosure-label')).toHaveText(
    'Your video will be labeled “Paid partnership”.',
  );
  await expect(page.getByTestId('consent')).toHaveText(
    "By posting, you agree to TikTok's Branded Content Policy and Music Usage Confirmation.",
  );
  // Branded content cannot be private.
  await expect(privacy.locator('option[value="SELF_ONLY"]')).toBeDisabled();
  await expect(card.getByText('Branded content visibility cannot be set to private.')).toBeVisible();
  await disclose.click();

  await page.getByLabel('Caption').fill('Launch day 🚀 #tokdesk');
  await expect(page.getByTestId('caption-count')).toContainText('22 / 2,200');
  await privacy.selectOption('SELF_ONLY');
  await card.getByRole('checkbox', { name: /^Comment/ }).check();
  await expect(post).toBeEnabled();
  await post.click();
  await expect(page.getByText('It may take a few minutes to appear on TikTok.')).toBeVisible();

  await page.goto('/publish');
  const status = page.getByTestId('target-status').filter({ hasText: `@${username}` });
  await expect(status).toHaveAttribute('data-stage', 'published', { timeout: 60_000 });
  await expect(status.getByText('Published')).toBeVisible();
});

test('[PUBLISH] a scheduled post runs at its time (app and sandbox clocks moved together)', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signUp(page, {
    name: 'Sam Scheduler',
    email: uniqueEmail('schedule'),
    password: 'schedule-password-1',
    workspace: 'Schedule Co',
  });
  const { username } = await connectCreator(page, request);
  await page.goto('/publish/new');
  await chooseVideo(page, 3_000_000);
  await expect(page.getByText('Uploaded launch.mp4.')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel(`@${username}`).check();
  const card = page.getByTestId('account-settings');
  await card.getByLabel('Who can view this post').selectOption('SELF_ONLY');
  await page.getByLabel(/^Schedule/).check();
  // The workspace's time zone is UTC: one hour from now, as the picker writes it.
  const at = new Date(Date.now() + 3600_000).toISOString().slice(0, 16);
  await page.getByLabel('Date and time in UTC').fill(at);
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(page.getByText('Scheduled.')).toBeVisible();

  await page.goto('/publish');
  const status = page.getByTestId('target-status').filter({ hasText: `@${username}` });
  await expect(status).toHaveAttribute('data-stage', 'scheduled');
  await page.waitForTimeout(3000);
  await expect(status).toHaveAttribute('data-stage', 'scheduled');
  await travelInTime(request, { seconds: 2 * 3600 });
  await expect(status).toHaveAttribute('data-stage', 'published', { timeout: 60_000 });
});

/** A real JPEG of the given size, as a phone would export it. */
function jpeg(width: number, height: number, background: string) {
  return sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();
}

test('[PUBLISH] a photo post: ordered uploads with progress, a cover, title and description, comment only', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await signUp(page, {
    name: 'Phoebe Photos',
    email: uniqueEmail('photos'),
    password: 'photos-password-1',
    workspace: 'Photo Co',
  });
  const { username, nickname } = await connectCreator(page, request);
  await page.goto('/publish/new');
  await page.getByLabel(/^Photos \(/).check();
  await page.getByLabel('Photos', { exact: true }).setInputFiles([
    { name: 'first.jpg', mimeType: 'image/jpeg', buffer: await jpeg(1080, 1350, '#ff6600') },
    { name: 'second.jpg', mimeType: 'image/jpeg', buffer: await jpeg(1080, 1350, '#0066ff') },
  ]);
  // A file TikTok would refuse is refused before any byte moves, naming the file.
  await page.getByLabel('Photos', { exact: true }).setInputFiles({
    name: 'clip.gif',
    mimeType: 'image/gif',
    buffer: Buffer.from('GIF89a'),
  });
  await expect(page.getByRole('alert').filter({ hasText: '“clip.gif” must be JPEG or WebP.' })).toBeVisible();
  await expect(page.getByText('Uploaded first.jpg.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Uploaded second.jpg.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('photo-tile')).toHaveCount(2);

  // Reorder: the second photo goes first, and the cover is chosen explicitly.
  await page.getByRole('button', { name: 'Move Photo 2 earlier' }).click();
  await expect(page.getByTestId('photo-tile').first().getByRole('img')).toHaveAccessibleName(/second\.jpg/);
  // The cover follows its photo when it moves, and can be chosen.
  await expect(page.getByTestId('preview')).toHaveAccessibleName(/first\.jpg/);
  await page.getByTestId('photo-tile').first().getByLabel('Cover').check();
  await expect(page.getByTestId('preview')).toHaveAccessibleName(/second\.jpg/);

  await page.getByLabel(`@${username}`).check();
  const card = page.getByTestId('account-settings');
  await expect(card.getByTestId('creator-nickname')).toHaveText(nickname);
  // Photos take comments only: no duet or stitch switches.
  await expect(card.getByRole('checkbox', { name: /^Comment/ })).not.toBeChecked();
  await expect(card.getByRole('checkbox', { name: /^Duet/ })).toHaveCount(0);
  await expect(card.getByRole('checkbox', { name: /^Stitch/ })).toHaveCount(0);
  await expect(page.getByTestId('consent')).toHaveText(
    "By posting, you agree to TikTok's Music Usage Confirmation.",
  );

  const post = page.getByRole('button', { name: 'Post', exact: true });
  await page.getByLabel('Title').fill('Market day 🍅');
  await expect(page.getByTestId('caption-count')).toContainText('13 / 90');
  await page.getByLabel('Title').fill('x'.repeat(91));
  await card.getByLabel('Who can view this post').selectOption('SELF_ONLY');
  await expect(post).toBeDisabled();
  await expect(page.getByText('The title is too long.')).toBeVisible();
  await page.getByLabel('Title').fill('Market day 🍅');
  await page.getByLabel('Description').fill('Fresh from the farm #market');
  await expect(page.getByTestId('description-count')).toContainText('27 / 4,000');
  await card.getByRole('checkbox', { name: /^Comment/ }).check();
  await expect(post).toBeEnabled();
  await post.click();
  await expect(page.getByText('It may take a few minutes to appear on TikTok.')).toBeVisible();

  await page.goto('/publish');
  const status = page.getByTestId('target-status').filter({ hasText: `@${username}` });
  await expect(status).toHaveAttribute('data-stage', 'published', { timeout: 60_000 });
});

test('[PUBLISH] a scheduled post is edited through the composer before it starts', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signUp(page, {
    name: 'Eddie Editor',
    email: uniqueEmail('edit'),
    password: 'edit-password-1',
    workspace: 'Edit Co',
  });
  const { username } = await connectCreator(page, request);
  await page.goto('/publish/new');
  await chooseVideo(page, 3_000_000);
  await expect(page.getByText('Uploaded launch.mp4.')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel(`@${username}`).check();
  await page.getByTestId('account-settings').getByLabel('Who can view this post').selectOption('SELF_ONLY');
  await page.getByLabel('Caption').fill('Draft caption');
  await page.getByLabel(/^Schedule/).check();
  await page
    .getByLabel('Date and time in UTC')
    .fill(new Date(Date.now() + 3600_000).toISOString().slice(0, 16));
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(page.getByText('Scheduled.')).toBeVisible();

  await page.goto('/publish');
  await page
    .getByTestId('post')
    .filter({ hasText: 'Draft caption' })
    .getByRole('link', { name: 'Edit' })
    .click();
  // The composer opens with the post's choices.
  await expect(page.getByLabel('Caption')).toHaveValue('Draft caption');
  await expect(page.getByRole('checkbox', { name: `@${username}`, exact: true })).toBeChecked();
  const card = page.getByTestId('account-settings');
  await expect(card.getByLabel('Who can view this post')).toHaveValue('SELF_ONLY');
  await page.getByLabel('Caption').fill('Final caption ✨');
  await card.getByRole('checkbox', { name: /^Comment/ }).check();
  const later = new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 16);
  await page.getByLabel('Date and time in UTC').fill(later);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();

  await page.goto('/publish');
  const edited = page.getByTestId('post').filter({ hasText: 'Final caption ✨' });
  await expect(edited).toBeVisible();
  await expect(page.getByTestId('post').filter({ hasText: 'Draft caption' })).toHaveCount(0);
  await expect(edited.getByTestId('target-status')).toHaveAttribute('data-stage', 'scheduled');
  await travelInTime(request, { seconds: 3 * 3600 });
  await expect(edited.getByTestId('target-status')).toHaveAttribute('data-stage', 'published', {
    timeout: 60_000,
  });
});
