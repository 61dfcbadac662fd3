import { signUp, uniqueEmail } from '../support/auth-steps';
import { E2E } from '../support/e2e-config';
import { expect, test } from '../support/fixtures';

// Another origin on the same site as the app (ports do not make a site): the browser sends the
// user's SameSite=Lax cookies with its form posts, so only the app's own checks stand in the way.
const SIBLING = `http://localhost:${E2E.appPort + 99}`;

test('[SECURITY] a page on another origin cannot use the signed-in user’s cookies against the JSON API', async ({
  page,
}) => {
  await signUp(page, {
    name: 'Cora Csrf',
    email: uniqueEmail('csrf'),
    password: 'csrf-password-1',
    workspace: 'Csrf Co',
  });
  const { workspaces } = (await (await page.request.get('/api/workspaces')).json()) as {
    workspaces: { id: string }[];
  };
  const invitations = `${E2E.appUrl}/api/workspaces/${workspaces[0]?.id}/invitations`;
  const evil = uniqueEmail('evil');

  // A text/plain form whose body reads as JSON: the classic way to post "JSON" cross-origin without a preflight.
  await page.route(`${SIBLING}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><form method="post" enctype="text/plain" action="${invitations}"><input name='{"email":"${evil}","role":"admin","pad":"' value='"}'></form><script>document.forms[0].submit()</script>`,
    }),
  );
  const posted = page.waitForResponse(
    (response) => response.url() === invitations && response.request().method() === 'POST',
  );
  await page.goto(`${SIBLING}/prize`);
  const response = await posted;
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain('This request came from another site and was refused.');

  const pending = (await (await page.request.get(invitations)).json()) as {
    invitations: { email: string }[];
  };
  expect(pending.invitations.map((invitation) => invitation.email)).not.toContain(evil);

  // From our own origin, a body that is not declared JSON is refused as well.
  const plain = await page.request.post(invitations, {
    data: JSON.stringify({ email: evil, role: 'admin' }),
    headers: { 'content-type': 'text/plain', origin: E2E.appUrl },
  });
  expect(plain.status()).toBe(415);
  const proper = await page.request.post(invitations, {
    data: { email: evil, role: 'agent' },
    headers: { origin: E2E.appUrl },
  });
  expect(proper.status()).toBe(201);
});
