import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { joinThroughInvitation, signOut, signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, newClientPage, test } from '../support/fixtures';
import { resetClocks, travelInTime } from '../support/time-travel';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A business account of this test's own in the sandbox, connected through the consent page. */
async function connectBusiness(page: Page, request: APIRequestContext) {
  const username = `shop_${randomBytes(3).toString('hex')}`;
  const created = await request.post(`${E2E.sandboxUrl}/_sandbox/users`, {
    data: { kind: 'business', username, region: 'US' },
  });
  expect(created.status()).toBe(201);
  const { user } = (await created.json()) as { user: { id: string; openId: string } };
  await page.goto('/accounts');
  await page.getByRole('button', { name: 'Connect a business account' }).click();
  await page.getByLabel(new RegExp(`@${username}`)).check();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('connect-toast')).toContainText('Connected');
  return { username, openId: user.openId };
}

async function customerWrites(request: APIRequestContext, openId: string, customer: string, text: string) {
  const response = await request.post(`${E2E.sandboxUrl}/_sandbox/business/dm`, {
    data: { businessOpenId: openId, customer: { id: `id-${customer}`, username: customer }, text },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { conversation: { id: string } }).conversation.id;
}

async function sandboxMessages(request: APIRequestContext, conversationId: string) {
  const response = await request.get(
    `${E2E.sandboxUrl}/_sandbox/business/conversations/${encodeURIComponent(conversationId)}/messages`,
  );
  return (
    (await response.json()) as {
      messages: { type?: string; message_type?: string; text?: { body: string } }[];
    }
  ).messages;
}

async function workspaceIdOf(page: Page) {
  const response = await page.request.get('/api/workspaces');
  const { workspaces } = (await response.json()) as { workspaces: { id: string }[] };
  return workspaces[0]!.id;
}

test('[INBOX] a DM shows up live, is answered from the keyboard, read by the customer, with TikTok’s rules enforced', async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(240_000);
  const owner = {
    name: 'Ivy Inbox',
    email: uniqueEmail('inbox'),
    password: 'inbox-password-1',
    workspace: 'Shop Team',
  };
  await signUp(page, owner);
  const shop = await connectBusiness(page, request);
  const workspaceId = await workspaceIdOf(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByTestId('list-empty')).toBeVisible();

  // The customer writes: it appears without a reload, announced politely, counted in the filters.
  const tiktokConversationId = await customerWrites(
    request,
    shop.openId,
    'alice_e2e',
    'Hi, is this in stock?',
  );
  const item = page.getByTestId('conversation-item').filter({ hasText: 'alice_e2e' });
  await expect(item).toBeVisible({ timeout: 5000 });
  await expect(item).toContainText('Hi, is this in stock?');
  await expect(page.getByTestId('unread-all')).toHaveText(/1/);
  await expect(page).toHaveTitle(/\(1\) Inbox/);

  // Keyboard only: j opens it, r focuses the composer, Enter sends.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('j');
  await expect(page.getByTestId('thread-title')).toHaveText('alice_e2e');
  await expect(page.getByTestId('reply-state')).toContainText('10 of 10 messages left');
  await page.keyboard.press('r');
  await expect(page.getByLabel('Reply to the customer')).toBeFocused();
  await page.keyboard.type('Yes, it is!');
  await page.keyboard.press('Enter');
  const mine = page.locator('li[data-kind="outbound"]').filter({ hasText: 'Yes, it is!' });
  await expect(mine.locator('[data-status="sent"]')).toBeVisible({ timeout: 10_000 });
  await expect
    .poll(async () => (await sandboxMessages(request, tiktokConversationId)).map((m) => m.text?.body))
    .toContain('Yes, it is!');

  // The customer reads it in TikTok: the status turns to read.
  expect(
    (
      await request.post(`${E2E.sandboxUrl}/_sandbox/business/read`, {
        data: { conversationId: tiktokConversationId },
      })
    ).ok(),
  ).toBe(true);
  await expect(mine.locator('[data-status="read"]')).toBeVisible({ timeout: 10_000 });

  // 6001 characters: the counter says so, Send is disabled, and the server refuses a crafted call.
  const composer = page.getByLabel('Reply to the customer');
  await composer.fill('a'.repeat(6001));
  await expect(page.getByText('6,001 / 6,000')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  const conversationId = await item.getAttribute('data-id');
  const api = `/api/workspaces/${workspaceId}/inbox/conversations/${conversationId}`;
  const tooLong = await page.request.post(`${api}/messages`, { data: { text: 'a'.repeat(6001) } });
  expect(tooLong.status()).toBe(422);
  expect(((await tooLong.json()) as { error: { message: string } }).error.message).toContain('6000');

  // Text and an image go out as two messages, text first.
  await composer.fill('Here is a photo');
  await page
    .getByTestId('image-input')
    .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByText('Image: photo.png')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send 2 messages' })).toBeEnabled();
  await composer.press('Enter');
  await expect
    .poll(async () => (await sandboxMessages(request, tiktokConversationId)).length, { timeout: 15_000 })
    .toBe(4);
  const sent = await sandboxMessages(request, tiktokConversationId);
  expect(sent[2]?.text?.body).toBe('Here is a photo');
  expect(sent[3]?.type ?? sent[3]?.message_type).toMatch(/image/i);

  // Seven more make ten before the customer answers: the eleventh is refused with the reason.
  for (let i = 0; i < 7; i++) {
    expect((await page.request.post(`${api}/messages`, { data: { text: `follow-up ${i}` } })).status()).toBe(
      201,
    );
  }
  const eleventh = await page.request.post(`${api}/messages`, { data: { text: 'one too many' } });
  expect(eleventh.status()).toBe(422);
  expect(((await eleventh.json()) as { error: { message: string } }).error.message).toContain('10 messages');
  await expect(page.getByTestId('reply-blocked')).toContainText('10 messages', { timeout: 10_000 });

  // Another workspace cannot reach this conversation: 404, as for an unknown id.
  const stranger = await newClientPage(browser);
  await signUp(stranger, {
    name: 'Sam Stranger',
    email: uniqueEmail('stranger'),
    password: 'stranger-password-1',
    workspace: 'Other Co',
  });
  const strangerWorkspace = await workspaceIdOf(stranger);
  expect(
    (
      await stranger.request.get(`/api/workspaces/${strangerWorkspace}/inbox/conversations/${conversationId}`)
    ).status(),
  ).toBe(404);
  expect((await stranger.request.get(`${api}`)).status()).toBe(404);
  await stranger.close();

  // e resolves it from the keyboard: it leaves the open list.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('e');
  await expect(page.getByTestId('conversation-item').filter({ hasText: 'alice_e2e' })).toHaveCount(0, {
    timeout: 10_000,
  });
  await signOut(page);
});

test('[INBOX] past 48 hours the composer is disabled and a crafted send is refused; teammates see who is replying', async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(240_000);
  const owner = {
    name: 'Olga Owner',
    email: uniqueEmail('inbox2'),
    password: 'inbox2-password-1',
    workspace: 'Window Co',
  };
  await signUp(page, owner);
  const shop = await connectBusiness(page, request);
  const workspaceId = await workspaceIdOf(page);

  // A teammate joins as an agent.
  const agent = { name: 'Andy Agent', email: uniqueEmail('agent'), password: 'agent-password-1' };
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('E-mail').fill(agent.email);
  await page.getByLabel('Role').selectOption('agent');
  await page.getByRole('button', { name: 'Create invitation' }).click();
  const link = await page.getByTestId('invitation-link').inputValue();
  const agentPage = await newClientPage(browser);
  await joinThroughInvitation(agentPage, link, agent);

  await customerWrites(request, shop.openId, 'bob_e2e', 'Hello?');
  await page.goto('/inbox');
  await agentPage.goto('/inbox');
  await page.getByTestId('conversation-item').filter({ hasText: 'bob_e2e' }).click();
  await agentPage.getByTestId('conversation-item').filter({ hasText: 'bob_e2e' }).click();
  await agentPage.getByLabel('Reply to the customer').pressSequentially('Let me check', { delay: 20 });
  await expect(page.getByTestId('replying-indicator')).toHaveText('Andy Agent is replying…', {
    timeout: 10_000,
  });
  await page.getByLabel('Reply to the customer').pressSequentially('I have it', { delay: 20 });
  await expect(agentPage.getByTestId('replying-indicator')).toHaveText('Olga Owner is replying…', {
    timeout: 10_000,
  });
  await agentPage.close();

  try {
    await travelInTime(request, { days: 2, seconds: 60 });
    await page.reload();
    await page.getByTestId('conversation-item').filter({ hasText: 'bob_e2e' }).click();
    await expect(page.getByTestId('reply-blocked')).toContainText('48-hour reply window closed');
    await expect(page.getByLabel('Reply to the customer')).toBeDisabled();
    const list = await page.request.get(`/api/workspaces/${workspaceId}/inbox/conversations`);
    const { conversations } = (await list.json()) as {
      conversations: { id: string; customerName: string }[];
    };
    const id = conversations.find((c) => c.customerName === 'bob_e2e')!.id;
    const crafted = await page.request.post(
      `/api/workspaces/${workspaceId}/inbox/conversations/${id}/messages`,
      {
        data: { text: 'sneaking past the window' },
      },
    );
    expect(crafted.status()).toBe(422);
    expect(((await crafted.json()) as { error: { message: string } }).error.message).toContain('48-hour');
  } finally {
    await resetClocks(request);
  }
});
