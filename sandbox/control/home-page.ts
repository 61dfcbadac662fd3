import type { SandboxContext } from '../core/context';
import { control } from '../core/control-json';
import { escapeHtml, sendHtml } from '../core/http';
import type { Router } from '../core/router';
import { publishMachine } from '../open-api/publish-machine';
import { publishStore } from '../open-api/publish-store';
import { videoCount } from '../open-api/user-videos';

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#161823}table{border-collapse:collapse;margin-bottom:1.5rem}
td,th{border:1px solid #ddd;padding:.25rem .5rem;font-size:.85rem;text-align:left}code{font-size:.8rem}`;

function table(headers: string[], rows: (string | number)[][]): string {
  if (rows.length === 0) return '<p><em>none</em></p>';
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(String(cell))}</td>`).join('')}</tr>`)
    .join('');
  return `<table><tr>${head}</tr>${body}</table>`;
}

const MAX_USERS_SHOWN = 200;

// GET /_sandbox – a read-only overview for developers poking at the sandbox in a browser.
export function registerHomePage(router: Router, ctx: SandboxContext) {
  router.add('GET', '/_sandbox', control('home'), ({ res }) => {
    publishMachine(ctx).advanceAll();
    // Benches create thousands of users: the page shows the first ones and says how many exist.
    const everyone = ctx.users.list();
    const users = everyone
      .slice(0, MAX_USERS_SHOWN)
      .map((u) => [u.kind, u.displayName, `@${u.username}`, u.privacy, u.region, u.openId, videoCount(u)]);
    const posts = publishStore(ctx)
      .list()
      .slice(0, 50)
      .map((p) => [
        p.publishId,
        p.media,
        p.mode,
        p.status,
        p.failReason ?? '',
        p.privacyLevel ?? '',
        p.postIds.join(','),
      ]);
    const deliveries = ctx.webhooks
      .list({ limit: 30 })
      .reverse()
      .map((d) => [d.event, d.state, d.attempts.length, d.url]);
    const held = ctx.webhooks.list({ state: 'held', limit: 5000 }).length;
    const counts = Object.entries(ctx.requestLog.countsByEndpoint()).map(([endpoint, count]) => [
      endpoint,
      count,
    ]);
    sendHtml(
      res,
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TikTok sandbox</title><style>${STYLE}</style></head><body>
<h1>TikTok sandbox</h1>
<p>Sandbox time: ${escapeHtml(new Date(ctx.clock.nowMs()).toISOString())} · <a href="/_sandbox/conversations">Business DM conversations</a> · JSON: <a href="/_sandbox/users">users</a>, <a href="/_sandbox/posts">posts</a>, <a href="/_sandbox/webhooks/deliveries">webhook deliveries</a>, <a href="/_sandbox/requests">requests</a></p>
<h2>Users (${everyone.length})</h2>${table(['kind', 'name', 'username', 'privacy', 'region', 'open_id', 'videos'], users)}
<h2>Posts</h2>${table(['publish_id', 'media', 'mode', 'status', 'fail_reason', 'privacy', 'post ids'], posts)}
<h2>Recent webhook deliveries (${held} held)</h2>${table(['event', 'state', 'attempts', 'url'], deliveries)}
<h2>Requests per endpoint</h2>${table(['endpoint', 'count'], counts)}
</body></html>`,
    );
  });
}
