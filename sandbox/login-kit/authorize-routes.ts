import type { ServerResponse } from 'node:http';
import { SECRET_PREFIXES } from '../core/config';
import type { SandboxContext } from '../core/context';
import { redirect, sendHtml } from '../core/http';
import type { Router } from '../core/router';
import { type AuthorizeRequest, callbackUrl, checkAuthorizeRequest } from './authorize-request';
import { renderConsentPage, renderErrorPage } from './consent-page';
import { loginKitState } from './login-kit-state';
import { readForm } from './read-form';

const CODE_TTL_MS = 10 * 60 * 1000;
const SESSION_COOKIE = 'sbx_tt_user';
const page = (endpoint: string) => ({ endpoint, surface: 'page' as const });

/** GET/POST `/v2/auth/authorize[/]`: TikTok's consent page for Login Kit and the Business app. */
export function registerAuthorizeRoutes(router: Router, ctx: SandboxContext) {
  router.add('GET', '/v2/auth/authorize', page('auth.authorize'), ({ res, url, req }) => {
    const checked = handleCheck(ctx, res, url.searchParams);
    if (!checked) return;
    const userKind = checked.app.kind === 'business' ? 'business' : 'creator';
    const users = ctx.users.list(userKind);
    const remembered = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (!checked.disableAutoAuth && remembered && tryAutoAuth(ctx, res, checked, remembered)) return;
    const wanted = url.searchParams.get('sandbox_user');
    const selected = users.find((u) => u.id === wanted)?.id ?? users.find((u) => u.id === remembered)?.id;
    sendHtml(res, 200, renderConsentPage({ request: checked, users, selectedUserId: selected ?? null }));
  });

  router.add('POST', '/v2/auth/authorize', page('auth.authorize.decision'), async ({ req, res }) => {
    const form = await readForm(req);
    const checked = handleCheck(ctx, res, new URLSearchParams(form.get('authorize_query') ?? ''));
    if (!checked) return;
    if (form.get('decision') !== 'approve') {
      return redirect(
        res,
        callbackUrl(checked.redirectUri, {
          error: 'access_denied',
          error_description: 'The user denied the authorization request.',
          state: checked.state,
        }),
      );
    }
    const user = ctx.users.get(form.get('user_id') ?? '');
    const userKind = checked.app.kind === 'business' ? 'business' : 'creator';
    if (!user || user.kind !== userKind) {
      return sendHtml(res, 400, renderErrorPage('Pick a sandbox user to continue.'));
    }
    // The page lets every scope be unticked; only the ticked ones that were requested count.
    const granted = form.getAll('granted_scope').filter((scope) => checked.scopes.includes(scope));
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${user.id}; Path=/; HttpOnly; SameSite=Lax`);
    issueCodeAndRedirect(ctx, res, checked, user.id, granted);
  });

  router.add('POST', '/v2/auth/authorize/new-user', page('auth.authorize.new-user'), async ({ req, res }) => {
    const form = await readForm(req);
    const query = new URLSearchParams(form.get('authorize_query') ?? '');
    const checked = handleCheck(ctx, res, query);
    if (!checked) return;
    const displayName = (form.get('display_name') ?? '').trim() || 'Sandbox user';
    const user = ctx.users.create(
      {
        kind: checked.app.kind === 'business' ? 'business' : 'creator',
        displayName,
        username:
          displayName
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '_')
            .slice(0, 24) || undefined,
        privacy: form.get('privacy') === 'private' ? 'private' : 'public',
      },
      ctx.clock.nowMs(),
    );
    query.set('sandbox_user', user.id);
    redirect(res, `/v2/auth/authorize/?${query.toString()}`);
  });
}

function handleCheck(ctx: SandboxContext, res: ServerResponse, params: URLSearchParams) {
  const check = checkAuthorizeRequest(ctx.config, params);
  if (check.kind === 'page-error') {
    sendHtml(res, 400, renderErrorPage(check.message));
    return null;
  }
  if (check.kind === 'redirect-error') {
    redirect(
      res,
      callbackUrl(check.redirectUri, {
        error: check.error,
        error_description: check.description,
        state: check.state,
      }),
    );
    return null;
  }
  return check.request;
}

function issueCodeAndRedirect(
  ctx: SandboxContext,
  res: ServerResponse,
  request: AuthorizeRequest,
  userId: string,
  scopes: string[],
) {
  const business = request.app.kind === 'business';
  const now = ctx.clock.nowMs();
  const code = ctx.authCodes.issue(
    {
      appKind: business ? 'business' : 'login-kit',
      appId: request.app.id,
      userId,
      scopes,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      advertiserIds: [],
      expiresAtMs: now + CODE_TTL_MS,
    },
    business ? SECRET_PREFIXES.businessCode : SECRET_PREFIXES.loginKitCode,
    // Real Login Kit codes carry `*` and `!`, which catches clients that forget to URL-decode.
    business ? '' : '*0!',
  );
  if (!business) loginKitState(ctx).grant({ appId: request.app.id, userId, scopes, nowMs: now });
  ctx.markDirty();
  redirect(
    res,
    callbackUrl(request.redirectUri, { code: code.code, scopes: scopes.join(','), state: request.state }),
  );
}

/** `disable_auto_auth=0`: a remembered user who already granted every requested scope skips the page. */
function tryAutoAuth(ctx: SandboxContext, res: ServerResponse, request: AuthorizeRequest, userId: string) {
  const auth = loginKitState(ctx).authorization(request.app.id, userId);
  if (!auth || !request.scopes.every((scope) => auth.scopes.includes(scope))) return false;
  issueCodeAndRedirect(ctx, res, request, userId, request.scopes);
  return true;
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
