import { escapeHtml } from '../core/http';
import type { SandboxUser } from '../core/users';
import type { AuthorizeRequest } from './authorize-request';
import { LOGIN_KIT_SCOPES } from './scopes';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:560px;margin:2rem auto;padding:0 1rem;color:#161823}
h1{font-size:1.3rem}fieldset{border:1px solid #ddd;border-radius:8px;margin:1rem 0;padding:.75rem 1rem}
label{display:block;margin:.35rem 0}.muted{color:#666;font-size:.85rem}
button{padding:.55rem 1.2rem;border-radius:6px;border:0;margin-right:.5rem;cursor:pointer}
.approve{background:#fe2c55;color:#fff}.deny{background:#eee}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function renderErrorPage(message: string): string {
  return layout(
    'TikTok sandbox: authorization error',
    `<h1>Something went wrong</h1><p data-testid="authorize-error">${escapeHtml(message)}</p>
<p class="muted">The sandbox shows this page instead of redirecting because the request could not be trusted.</p>`,
  );
}

/** The consent page: pick a sandbox user, untick scopes, approve or deny. */
export function renderConsentPage(input: {
  request: AuthorizeRequest;
  users: SandboxUser[];
  selectedUserId: string | null;
}): string {
  const { request, users } = input;
  const query = escapeHtml(request.params.toString());
  const selected = input.selectedUserId ?? users[0]?.id;
  const userOptions = users
    .map(
      (user) =>
        `<label><input type="radio" name="user_id" value="${escapeHtml(user.id)}"${user.id === selected ? ' checked' : ''}> ${escapeHtml(user.displayName)} <span class="muted">@${escapeHtml(user.username)} · ${user.privacy}</span></label>`,
    )
    .join('');
  const scopeOptions = request.scopes
    .map(
      (scope) =>
        `<label><input type="checkbox" name="granted_scope" value="${escapeHtml(scope)}" checked> <code>${escapeHtml(scope)}</code> <span class="muted">${escapeHtml(LOGIN_KIT_SCOPES[scope] ?? '')}</span></label>`,
    )
    .join('');
  const kind = request.app.kind === 'business' ? 'business account' : 'creator account';
  return layout(
    'TikTok sandbox: authorize',
    `<h1>Log in to <code>${escapeHtml(request.app.id)}</code></h1>
<form method="post" action="/v2/auth/authorize/">
<input type="hidden" name="authorize_query" value="${query}">
<fieldset><legend>Continue as (${kind})</legend>${userOptions || '<p class="muted">No sandbox users yet: create one below.</p>'}</fieldset>
<fieldset><legend>Requested permissions</legend>${scopeOptions}
<p class="muted">Every scope can be unticked here; the app must check the <code>scopes</code> it gets back.</p></fieldset>
<button class="approve" name="decision" value="approve"${users.length ? '' : ' disabled'}>Authorize</button>
<button class="deny" name="decision" value="deny">Cancel</button>
</form>
<form method="post" action="/v2/auth/authorize/new-user">
<input type="hidden" name="authorize_query" value="${query}">
<fieldset><legend>Create a new sandbox user</legend>
<label>Display name <input name="display_name" required></label>
<label>Privacy <select name="privacy"><option value="public">public</option><option value="private">private</option></select></label>
<button type="submit">Create and select</button></fieldset>
</form>`,
  );
}
