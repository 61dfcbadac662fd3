import type { APIRequestContext, Page } from '@playwright/test';
import { joinThroughInvitation, signUp, uniqueEmail } from '../support/auth-steps';
import { expect, newClientPage, test } from '../support/fixtures';

type ErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

async function firstWorkspaceId(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/workspaces');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { workspaces: { id: string }[] };
  return body.workspaces[0]!.id;
}

async function expectError(
  response: Awaited<ReturnType<APIRequestContext['post']>>,
  status: number,
  code: string,
) {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  // Users get a sentence, never a stack trace or driver detail.
  expect(text).not.toMatch(/\bat \S+ \(|node_modules|Error:/);
  const body = JSON.parse(text) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  return body;
}

async function newOwner(page: Page, label: string) {
  await signUp(page, {
    name: `${label} Owner`,
    email: uniqueEmail(label),
    password: 'long-password-1',
    workspace: `${label} Co`,
  });
  return firstWorkspaceId(page.request);
}

test('[API] bad input gets a clear 4xx and never a 500', async ({ browser }) => {
  const alice = await newClientPage(browser);
  const bob = await newClientPage(browser);
  const aliceWorkspace = await newOwner(alice, 'alice');
  const bobWorkspace = await newOwner(bob, 'bob');
  const invitations = `/api/workspaces/${aliceWorkspace}/invitations`;

  await expectError(
    await alice.request.post(invitations, {
      data: Buffer.from('{"email": "x@y.z", '),
      headers: { 'content-type': 'application/json' },
    }),
    400,
    'invalid_json',
  );

  const wrongTypes = await expectError(
    await alice.request.post(invitations, { data: { email: 42, role: 'superuser' } }),
    422,
    'unprocessable_entity',
  );
  expect(Object.keys(wrongTypes.error.fieldErrors ?? {})).toEqual(expect.arrayContaining(['email', 'role']));

  await expectError(
    await alice.request.post(invitations, {
      data: { email: 'a@b.co', role: 'agent', note: 'x'.repeat(20_000) },
    }),
    413,
    'payload_too_large',
  );

  // Another workspace's id: indistinguishable from one that does not exist.
  await expectError(
    await alice.request.post(`/api/workspaces/${bobWorkspace}/invitations`, {
      data: { email: 'a@b.co', role: 'agent' },
    }),
    404,
    'not_found',
  );
  await expectError(await alice.request.get(`/api/workspaces/${bobWorkspace}/members`), 404, 'not_found');
  await expectError(
    await alice.request.patch(`/api/workspaces/${aliceWorkspace}/members/not-a-member`, {
      data: { role: 'agent' },
    }),
    404,
    'not_found',
  );

  const anonymous = await browser.newContext();
  await expectError(
    await anonymous.request.get(`/api/workspaces/${aliceWorkspace}/members`),
    401,
    'unauthenticated',
  );

  // Crafted cursors and query values fall back to the first page or the plain view, never a 500.
  for (const cursor of [
    Buffer.from(JSON.stringify(['2024', 'x'])).toString('base64url'),
    Buffer.from(JSON.stringify(['2024-02-30 00:00:00+00', 'x'])).toString('base64url'),
    '%%%',
  ]) {
    const audit = await alice.goto(`/settings/audit?cursor=${encodeURIComponent(cursor)}`);
    expect(audit?.status()).toBe(200);
    await expect(alice.getByTestId('audit-event').first()).toBeVisible();
  }
  const accounts = await alice.goto('/accounts?connected=ads&count=NaN&error[]=x');
  expect(accounts?.status()).toBe(200);
  await expect(alice.getByText('Connected NaN')).toHaveCount(0);

  const created = await alice.request.post(invitations, {
    data: { email: 'valid@e2e.tokdesk.test', role: 'agent' },
  });
  expect(created.status()).toBe(201);
  expect(((await created.json()) as { invitation: { link: string } }).invitation.link).toContain('/invite/');
});

test('[API] an agent cannot use admin endpoints', async ({ browser }) => {
  const owner = await newClientPage(browser);
  const workspaceId = await newOwner(owner, 'carol');
  const agentEmail = uniqueEmail('dave');
  const invite = await owner.request.post(`/api/workspaces/${workspaceId}/invitations`, {
    data: { email: agentEmail, role: 'agent' },
  });
  const { invitation } = (await invite.json()) as { invitation: { link: string } };

  const agent = await newClientPage(browser);
  await joinThroughInvitation(agent, invitation.link, {
    name: 'Dave Agent',
    email: agentEmail,
    password: 'long-password-2',
  });

  await expectError(
    await agent.request.post(`/api/workspaces/${workspaceId}/invitations`, {
      data: { email: 'x@e2e.tokdesk.test', role: 'admin' },
    }),
    403,
    'forbidden',
  );
  const members = await agent.request.get(`/api/workspaces/${workspaceId}/members`);
  expect(members.status()).toBe(200);
  expect(((await members.json()) as { members: unknown[] }).members).toHaveLength(2);
});
