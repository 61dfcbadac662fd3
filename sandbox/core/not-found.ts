import type { IncomingMessage, ServerResponse } from 'node:http';
import { logId } from './fault-response';
import { escapeHtml, sendHtml, sendJson } from './http';

/**
 * What a TikTok host answers for a path (404) or method (405) it does not serve, in that host's
 * own error shape, so clients exercise their real error path instead of choking on a bare 404.
 * The hosts share one origin here, so the path prefix says which host was meant.
 */
export function sendUnknownRoute(req: IncomingMessage, res: ServerResponse, url: URL, allowed: string[]) {
  req.resume();
  const status = allowed.length > 0 ? 405 : 404;
  const headers: Record<string, string> = { 'x-tt-logid': logId() };
  if (allowed.length > 0) headers.allow = allowed.join(', ');
  const what =
    status === 405
      ? `${req.method} is not allowed on ${url.pathname}; use ${allowed.join(' or ')}.`
      : `The requested path ${url.pathname} does not exist.`;
  const path = url.pathname;
  if (path.startsWith('/_sandbox')) return sendJson(res, status, { error: what }, headers);
  if (path.startsWith('/v2/oauth/'))
    return sendJson(
      res,
      status,
      { error: 'invalid_request', error_description: what, log_id: logId() },
      headers,
    );
  if (path.startsWith('/v2/auth/') || path.startsWith('/portal/') || path.startsWith('/marketing_api/'))
    return sendHtml(res, status, `<!doctype html><title>TikTok</title><p>${escapeHtml(what)}</p>`);
  if (path.startsWith('/open_api/'))
    return sendJson(res, status, { code: 40002, message: what, request_id: logId(), data: {} }, headers);
  if (path.startsWith('/upload') || path.startsWith('/_tiktokcdn/')) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    return res.end(what);
  }
  // Everything else is taken for open.tiktokapis.com, whose envelope is the v2 one.
  sendJson(
    res,
    status,
    { data: {}, error: { code: 'invalid_params', message: what, log_id: logId() } },
    headers,
  );
}
