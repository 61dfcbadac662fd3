import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { z } from 'zod';
import { WORKSPACE_COOKIE } from '@/lib/auth/current-workspace';
import { withRoute } from '@/lib/http/with-route';
import { RATE_LIMIT_POLICIES } from '@/lib/kv/rate-limit-policies';
import { createRedis } from '@/lib/kv/redis';
import { WORKSPACE_FORM_FIELD } from '@/lib/workspaces/workspace-binding';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { createTestUser, uniqueEmail } from '@/tests/factories/create-user';
import { scope } from '@/tests/helpers/request-scope';
import { hasRedis, TEST_REDIS_URL } from '@/tests/helpers/services';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';

vi.mock('next/headers', async () => (await import('@/tests/helpers/request-scope')).nextHeadersModule);
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/index', async () => (await import('@/tests/helpers/request-scope')).authModule);
vi.mock('@/lib/db/client', async () => (await import('@/tests/helpers/request-scope')).dbClientModule);
vi.mock('@/lib/kv/redis', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/kv/redis')>()),
  getRedis: () => scope.redis,
}));

const APP = 'http://localhost:3000'; // APP_URL in tests

/** The real actions and routes, imported after the mocks are in place. */
const load = async () => ({
  startConnection: (await import('@/app/(app)/accounts/_actions/start-connection-action'))
    .startConnectionAction,
  refreshProfile: (await import('@/app/(app)/accounts/_actions/refresh-profile-action')).refreshProfileAction,
  createWorkspace: (await import('@/app/workspaces/new/create-workspace-action')).createWorkspaceAction,
  revokeInvitation: (await import('@/app/(app)/settings/_actions/revoke-invitation-action'))
    .revokeInvitationAction,
  signUp: (await import('@/app/(auth)/sign-up/sign-up-action')).signUpAction,
  workspacesRoute: (await import('@/app/api/workspaces/route')).GET,
  invitationsRoute: (await import('@/app/api/workspaces/[workspaceId]/invitations/route')).POST,
  webhookRoute: (await import('@/app/api/webhooks/tiktok/route')).POST,
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** Runs an action; a redirect (success for these actions) counts as ok. */
async function run<R>(
  action: (previous: null, data: FormData) => Promise<R>,
  fields: Record<string, string>,
) {
  try {
    return await action(null, form(fields));
  } catch (error) {
    if ((error as { digest?: string }).digest?.startsWith('NEXT_REDIRECT'))
      return { ok: true, redirected: true };
    throw error;
  }
}

describe('transport wrappers (withAction, withRoute) with the real actions and routes', () => {
  const token = randomUUID();
  let kv: LocalKv;
  let testDb: TestDb;
  let modules: Awaited<ReturnType<typeof load>>;

  beforeAll(async () => {
    kv = await startLocalKv({ port: 0, token, redisUrl: hasRedis ? TEST_REDIS_URL : undefined });
    scope.redis = createRedis({ url: kv.url, token });
    testDb = await createTestDb('pglite');
    scope.db = testDb.db;
    modules = await load();
  });
  afterAll(async () => {
    await testDb?.drop();
    await kv?.close();
  });
  beforeEach(() => {
    scope.headers = new Headers();
    scope.cookies = new Map();
    scope.userId = null;
  });

  async function signedIn(workspaceName = 'Main') {
    const user = await createTestUser(testDb.db, { workspaceName });
    scope.userId = user.id;
    scope.cookies.set(WORKSPACE_COOKIE, user.workspaceId);
    return user;
  }

  describe('workspace-bound forms', () => {
    it('refuses a form rendered for another workspace than the one the user switched to', async () => {
      const user = await signedIn('First Brand');
      scope.cookies.delete(WORKSPACE_COOKIE);
      const second = await run(modules.createWorkspace, { name: 'Second Brand' });
      expect(second).toMatchObject({ ok: true });
      // The action remembered the new workspace: the cookie names Second Brand now.
      expect(scope.cookies.get(WORKSPACE_COOKIE)).not.toBe(user.workspaceId);

      const result = await run(modules.revokeInvitation, {
        [WORKSPACE_FORM_FIELD]: user.workspaceId,
        invitationId: randomUUID(),
      });
      expect(result).toMatchObject({
        ok: false,
        code: 'workspace_mismatch',
        error:
          'This page belongs to workspace “First Brand”; you switched to “Second Brand” in another tab. Reload to continue.',
      });
    });

    it('refuses a workspace form that does not say which workspace it belongs to', async () => {
      await signedIn();
      expect(await run(modules.revokeInvitation, { invitationId: randomUUID() })).toMatchObject({
        ok: false,
        code: 'bad_request',
      });
    });

    it('acts when the form and the current workspace agree', async () => {
      const user = await signedIn();
      expect(
        await run(modules.revokeInvitation, {
          [WORKSPACE_FORM_FIELD]: user.workspaceId,
          invitationId: randomUUID(),
        }),
      ).toMatchObject({ ok: false, code: 'not_found', error: 'That invitation is not pending.' });
    });
  });

  describe('rate limits on actions', () => {
    async function exhaust(
      attempt: () => Promise<unknown>,
      policy: keyof typeof RATE_LIMIT_POLICIES,
    ): Promise<unknown> {
      for (let i = 0; i < RATE_LIMIT_POLICIES[policy].attempts; i++) {
        expect(await attempt()).not.toMatchObject({ code: 'rate_limited' });
      }
      return attempt();
    }

    it('limits starting TikTok connections per user', async () => {
      const user = await signedIn();
      const last = await exhaust(
        () => run(modules.startConnection, { [WORKSPACE_FORM_FIELD]: user.workspaceId, kind: 'creator' }),
        'connections',
      );
      expect(last).toMatchObject({
        ok: false,
        code: 'rate_limited',
        error: expect.stringMatching(/^Too many connection attempts\. Try again in/),
      });
    });

    it('limits profile refreshes per user', async () => {
      const user = await signedIn();
      const last = await exhaust(
        () =>
          run(modules.refreshProfile, { [WORKSPACE_FORM_FIELD]: user.workspaceId, accountId: randomUUID() }),
        'profileRefresh',
      );
      expect(last).toMatchObject({ ok: false, code: 'rate_limited' });
    });

    it('limits creating workspaces per user', async () => {
      await signedIn();
      let n = 0;
      const last = await exhaust(
        () => run(modules.createWorkspace, { name: `Workspace ${n++}` }),
        'workspaces',
      );
      expect(last).toMatchObject({
        ok: false,
        code: 'rate_limited',
        error: expect.stringMatching(/^Too many workspaces created\./),
      });
    }, 120_000);
  });

  describe('failed forms', () => {
    it('echo what was typed, but never the password', async () => {
      scope.headers = new Headers({ 'x-forwarded-for': '192.0.2.55' });
      const result = await run(modules.signUp, {
        name: 'Kim',
        email: 'not-an-address',
        password: 'short',
        workspaceName: 'Kim Co',
      });
      expect(result).toMatchObject({
        ok: false,
        code: 'unprocessable_entity',
        values: { name: 'Kim', email: 'not-an-address', workspaceName: 'Kim Co' },
      });
      expect(JSON.stringify(result)).not.toContain('short');
    });
  });

  describe('route handlers', () => {
    const invitationsRequest = (
      workspaceId: string,
      init: { body: string; headers: Record<string, string> },
    ) =>
      modules.invitationsRoute(
        new Request(`${APP}/api/workspaces/${workspaceId}/invitations`, { method: 'POST', ...init }),
        { params: Promise.resolve({ workspaceId }) },
      );

    it('refuse state-changing requests from another origin, and bodies that are not JSON', async () => {
      const user = await signedIn();
      const body = JSON.stringify({ email: uniqueEmail('invitee'), role: 'agent' });
      const crossSite = await invitationsRequest(user.workspaceId, {
        body,
        headers: { origin: 'http://localhost:3099', 'content-type': 'text/plain' },
      });
      expect(crossSite.status).toBe(403);
      const fetchMetadata = await invitationsRequest(user.workspaceId, {
        body,
        headers: { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      });
      expect(fetchMetadata.status).toBe(403);
      const textPlain = await invitationsRequest(user.workspaceId, {
        body,
        headers: { origin: APP, 'content-type': 'text/plain' },
      });
      expect(textPlain.status).toBe(415);
      const formEncoded = await invitationsRequest(user.workspaceId, {
        body: 'email=x%40y.z&role=agent',
        headers: { origin: APP, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(formEncoded.status).toBe(415);
      const json = await invitationsRequest(user.workspaceId, {
        body,
        headers: { origin: APP, 'content-type': 'application/json; charset=utf-8' },
      });
      expect(json.status).toBe(201);
    });

    it('let TikTok’s signed webhooks in from anywhere, with any content type (the signature decides)', async () => {
      const response = await modules.webhookRoute(
        new Request(`${APP}/api/webhooks/tiktok`, {
          method: 'POST',
          body: '{}',
          headers: {
            origin: 'https://www.tiktok.com',
            'content-type': 'text/plain',
            'tiktok-signature': 't=1,s=bad',
          },
        }),
      );
      expect(response.status).toBe(401);
    });

    it('count every signed-in API call against the api policy', async () => {
      // The sliding window weighs the previous minute less as time passes: calls that straddle a
      // minute boundary would let the 121st through. Start just after one (a fresh user each run).
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      vi.setSystemTime((Math.floor(Date.now() / 60_000) + 1) * 60_000 + 500);
      onTestFinished(() => {
        vi.useRealTimers();
      });
      await signedIn();
      const call = () => modules.workspacesRoute(new Request(`${APP}/api/workspaces`));
      for (let i = 0; i < RATE_LIMIT_POLICIES.api.attempts; i++) expect((await call()).status).toBe(200);
      const limited = await call();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }, 120_000);

    it('answer 400, not 500, to query parameters the route’s schema refuses', async () => {
      const route = withRoute(
        { access: 'public', query: z.object({ limit: z.coerce.number().int().max(100) }) },
        async ({ query }) => query,
      );
      const bad = await route(new Request(`${APP}/api/example?limit=lots`));
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request');
      expect((await route(new Request(`${APP}/api/example?limit=5`))).status).toBe(200);
    });
  });
});
