import { findApp, type SandboxApp, SECRET_PREFIXES } from '../core/config';
import { escapeHtml as e, readBody, redirect, sendHtml } from '../core/http';
import type { Router } from '../core/router';
import type { MarketingState } from './marketing-state';

const PATH = '/portal/auth';
const LEGACY_PATH = '/marketing_api/auth';
const meta = (endpoint: string) => ({ endpoint: `marketing.${endpoint}`, surface: 'page' as const });
/** auth_code validity per the Go SDK and api-evangelist: single use, one hour. */
const CODE_TTL_MS = 3600_000;

function layout(body: string) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>TikTok For Business · Authorize</title>
<style>body{font-family:system-ui;max-width:40rem;margin:3rem auto}label{display:block;margin:.3rem 0}</style>
</head><body><h1>TikTok For Business (sandbox)</h1>${body}</body></html>`;
}

type Resolved = { app: SandboxApp; redirectUri: string } | { error: string };

/** A missing redirect_uri falls back to the app's first registered URL; anything else must match exactly. */
function resolve(state: MarketingState, params: URLSearchParams): Resolved {
  const app = findApp(state.ctx.config, 'marketing', params.get('app_id') ?? '');
  if (!app) return { error: 'Unknown app_id.' };
  const redirectUri = params.get('redirect_uri') || app.redirectUris[0] || '';
  if (!app.redirectUris.includes(redirectUri))
    return { error: 'redirect_uri is not registered for this app.' };
  return { app, redirectUri };
}

function callback(redirectUri: string, params: Record<string, string>) {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

export function registerPortalAuthPage(router: Router, state: MarketingState) {
  // Airbyte still builds the legacy ads.tiktok.com/marketing_api/auth URL: the same page answers there.
  for (const path of [PATH, LEGACY_PATH])
    router.add('GET', path, meta('portal.auth'), ({ res, url }) => {
      const resolved = resolve(state, url.searchParams);
      if ('error' in resolved) return sendHtml(res, 400, layout(`<p>${e(resolved.error)}</p>`));
      const rows = state.advertisers
        .list()
        .map(
          (a) =>
            `<label><input type="checkbox" name="advertiser_id" value="${e(a.advertiserId)}" checked> ${e(a.name)} <small>(${e(a.advertiserId)}, ${e(a.currency)})</small></label>`,
        )
        .join('');
      const hidden = (name: string, value: string) =>
        `<input type="hidden" name="${name}" value="${e(value)}">`;
      sendHtml(
        res,
        200,
        layout(`<p><b>${e(resolved.app.id)}</b> asks to manage ads and read reports for these ad accounts:</p>
<form method="post" action="${PATH}">${hidden('app_id', resolved.app.id)}${hidden('redirect_uri', resolved.redirectUri)}${hidden('state', url.searchParams.get('state') ?? '')}
${rows || '<p>No advertisers. Create one with POST /_sandbox/marketing/advertisers.</p>'}
<p><button name="decision" value="approve">Confirm</button> <button name="decision" value="deny">Cancel</button></p></form>`),
      );
    });

  for (const path of [PATH, LEGACY_PATH])
    router.add('POST', path, meta('portal.auth.submit'), async ({ req, res }) => {
      const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
      const resolved = resolve(state, form);
      if ('error' in resolved) return sendHtml(res, 400, layout(`<p>${e(resolved.error)}</p>`));
      const stateParam = form.get('state') ?? '';
      if (form.get('decision') !== 'approve')
        return redirect(
          res,
          callback(resolved.redirectUri, {
            error: 'access_denied',
            error_description: 'The user canceled the authorization.',
            state: stateParam,
          }),
        );
      const advertiserIds = form.getAll('advertiser_id').filter((id) => state.advertisers.get(id));
      if (advertiserIds.length === 0)
        return sendHtml(
          res,
          400,
          layout('<p>Select at least one ad account. <a href="javascript:history.back()">Back</a></p>'),
        );
      const { ctx } = state;
      const code = ctx.authCodes.issue(
        {
          appKind: 'marketing',
          appId: resolved.app.id,
          userId: 'portal-admin',
          scopes: [],
          redirectUri: resolved.redirectUri,
          codeChallenge: null,
          advertiserIds,
          expiresAtMs: ctx.clock.nowMs() + CODE_TTL_MS,
        },
        SECRET_PREFIXES.adsCode,
      );
      // The callback carries `auth_code` and, for OAuth2-style clients, the same value as `code`.
      redirect(
        res,
        callback(resolved.redirectUri, { auth_code: code.code, code: code.code, state: stateParam }),
      );
    });
}
