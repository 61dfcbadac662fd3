import type { SandboxApp, SandboxConfig } from '../core/config';

export type ClientCheck = { ok: true; app: SandboxApp } | { ok: false; description: string };

/** Token-host clients authenticate in the form body with client_key + client_secret (no Basic auth). */
export function authenticateClient(config: SandboxConfig, form: URLSearchParams): ClientCheck {
  const clientKey = form.get('client_key');
  if (!clientKey) {
    const hint = form.has('client_id') ? ' TikTok expects client_key, not client_id.' : '';
    return { ok: false, description: `Client key is missed in request.${hint}` };
  }
  const app = config.apps.find((candidate) => candidate.kind === 'login-kit' && candidate.id === clientKey);
  if (!app) return { ok: false, description: 'Client key is invalid.' };
  const secret = form.get('client_secret');
  if (!secret) return { ok: false, description: 'Client secret is missed in request.' };
  if (secret !== app.secret) return { ok: false, description: 'Client secret is invalid.' };
  return { ok: true, app };
}
