import type { SandboxApp } from '../core/config';
import type { SandboxContext } from '../core/context';
import { control, readJson } from '../core/control-json';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';

type AppPatch = Partial<
  Pick<
    SandboxApp,
    'audited' | 'pkce' | 'webhookUrl' | 'redirectUris' | 'verifiedUrlPrefixes' | 'pullInRanges'
  >
>;

/** Control API for the registered apps: what a developer would change on the portal. */
export function registerAppRoutes(router: Router, ctx: SandboxContext) {
  router.add('GET', '/_sandbox/apps', control('apps.list'), ({ res }) =>
    sendJson(res, 200, { apps: ctx.config.apps.map(({ secret: _secret, ...app }) => app) }),
  );

  router.add('POST', '/_sandbox/apps/:kind', control('apps.update'), async ({ req, res, params }) => {
    const app = ctx.config.apps.find((candidate) => candidate.kind === params.kind);
    if (!app) return sendJson(res, 404, { error: 'no such app kind' });
    const patch = await readJson<AppPatch>(req);
    if (patch.pkce !== undefined && patch.pkce !== 'required' && patch.pkce !== 'optional') {
      return sendJson(res, 400, { error: 'pkce must be required or optional' });
    }
    if (patch.audited !== undefined) app.audited = patch.audited;
    if (patch.pkce !== undefined) app.pkce = patch.pkce;
    if (patch.webhookUrl !== undefined) app.webhookUrl = patch.webhookUrl;
    if (patch.redirectUris !== undefined) app.redirectUris = patch.redirectUris;
    if (patch.verifiedUrlPrefixes !== undefined) app.verifiedUrlPrefixes = patch.verifiedUrlPrefixes;
    if (patch.pullInRanges !== undefined) app.pullInRanges = patch.pullInRanges === true;
    const { secret: _secret, ...view } = app;
    sendJson(res, 200, { app: view });
  });
}
