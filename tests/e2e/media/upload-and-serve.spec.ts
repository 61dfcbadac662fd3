import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { signUp, uniqueEmail } from '../support/auth-steps';
import { expect, newClientPage, test } from '../support/fixtures';

async function newOwner(page: Page, label: string) {
  await signUp(page, {
    name: `${label} Owner`,
    email: uniqueEmail(label),
    password: 'long-password-1',
    workspace: `${label} Co`,
  });
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  return JSON.parse(text) as T;
}

type Session = { id: string; partCount: number; transport: string };

test('[API] a photo goes through the upload routes into the local folder and only its workspace can read it', async ({
  browser,
}) => {
  const alice = await newClientPage(browser);
  const bob = await newClientPage(browser);
  await newOwner(alice, 'uploader');
  await newOwner(bob, 'outsider');
  const bytes = randomBytes(150_000);
  // Id-less workspace routes need the workspace the page was rendered for, as the upload client sends it.
  const workspaceOf = async (page: Page) =>
    ((await (await page.request.get('/api/workspaces')).json()) as { workspaces: { id: string }[] })
      .workspaces[0]!.id;
  const aliceWorkspace = { 'x-workspace-id': await workspaceOf(alice) };
  const bobWorkspace = { 'x-workspace-id': await workspaceOf(bob) };

  // Limits are checked before a byte is sent.
  const tooBig = await alice.request.post('/api/uploads', {
    headers: aliceWorkspace,
    data: { purpose: 'photo', fileName: 'huge.jpg', contentType: 'image/jpeg', size: 20_000_001 },
  });
  expect(tooBig.status()).toBe(413);

  const { upload } = await json<{ upload: Session }>(
    await alice.request.post('/api/uploads', {
      headers: aliceWorkspace,
      data: { purpose: 'photo', fileName: 'Beach day.jpg', contentType: 'image/jpeg', size: bytes.length },
    }),
    201,
  );
  expect(upload).toMatchObject({ partCount: 1, transport: 'app' });
  const { parts } = await json<{ parts: { url: string; headers: Record<string, string> }[] }>(
    await alice.request.post(`/api/uploads/${upload.id}/part-urls`, {
      headers: aliceWorkspace,
      data: { partNumbers: [1] },
    }),
    200,
  );
  expect(parts[0]!.url).toBe(`/api/uploads/${upload.id}/parts/1`);

  const put = await alice.request.put(parts[0]!.url, {
    data: bytes,
    headers: { ...parts[0]!.headers, ...aliceWorkspace },
  });
  expect(put.status(), await put.text()).toBe(200);
  expect(put.headers().etag).toMatch(/^"[0-9a-f]{32}"$/);

  const { media } = await json<{ media: { id: string; url: string; size: number } }>(
    await alice.request.post(`/api/uploads/${upload.id}/complete`, { headers: aliceWorkspace }),
    200,
  );
  expect(media).toMatchObject({ size: bytes.length, url: `/api/media/${media.id}` });

  const whole = await alice.request.get(media.url);
  expect(whole.status()).toBe(200);
  expect(Buffer.from(await whole.body()).equals(bytes)).toBe(true);
  expect(whole.headers()).toMatchObject({
    'content-type': 'image/jpeg',
    'x-content-type-options': 'nosniff',
    'accept-ranges': 'bytes',
  });
  const range = await alice.request.get(media.url, { headers: { range: 'bytes=100-199' } });
  expect(range.status()).toBe(206);
  expect(range.headers()['content-range']).toBe(`bytes 100-199/${bytes.length}`);
  expect(Buffer.from(await range.body()).equals(bytes.subarray(100, 200))).toBe(true);

  // Another workspace, or nobody signed in: the file does not exist for them.
  const foreign = await bob.request.get(media.url);
  expect(foreign.status()).toBe(404);
  expect(await foreign.text()).not.toContain('Beach');
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`${new URL(alice.url()).origin}${media.url}`)).status()).toBe(401);
  await anonymous.close();

  // Refusals come last: a refused body is left unread and its connection closed.
  const second = await json<{ upload: Session }>(
    await alice.request.post('/api/uploads', {
      headers: aliceWorkspace,
      data: { purpose: 'photo', fileName: 'second.jpg', contentType: 'image/jpeg', size: bytes.length },
    }),
    201,
  );
  const secondPart = `/api/uploads/${second.upload.id}/parts/1`;
  // Someone else's upload does not exist for them.
  expect(
    (
      await bob.request.put(secondPart, { data: bytes, headers: { ...parts[0]!.headers, ...bobWorkspace } })
    ).status(),
  ).toBe(404);
  // A part of the wrong size is refused by the streaming route before it is read, and not kept.
  const wrong = await alice.request.put(secondPart, {
    data: Buffer.concat([bytes, Buffer.from('extra')]),
    headers: { ...parts[0]!.headers, ...aliceWorkspace },
  });
  expect(wrong.status()).toBe(413);
  expect(wrong.headers().connection).toBe('close');
});
