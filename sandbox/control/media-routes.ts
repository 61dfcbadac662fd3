import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../core/context';
import { control } from '../core/control-json';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import { buildMp4, SAMPLE_JPEG, SAMPLE_PNG, SAMPLE_WEBM } from '../open-api/sample-media';
import { placeholderImage } from './placeholder-image';

const MAX_SAMPLE_BYTES = 256 * 1024 * 1024;

/** Sample bytes, honouring a single `Range: bytes=a-b` as a CDN would (206 / 416). */
function sendBytes(req: IncomingMessage, res: ServerResponse, type: string, bytes: Buffer): void {
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (!range) {
    res.writeHead(200, {
      'content-type': type,
      'content-length': String(bytes.length),
      'accept-ranges': 'bytes',
    });
    res.end(bytes);
    return;
  }
  const first = range[1] ? Number(range[1]) : Math.max(0, bytes.length - Number(range[2]));
  const last = range[1] && range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
  if (first > last || first >= bytes.length) {
    res.writeHead(416, { 'content-range': `bytes */${bytes.length}` });
    res.end();
    return;
  }
  res.writeHead(206, {
    'content-type': type,
    'content-length': String(last - first + 1),
    'content-range': `bytes ${first}-${last}/${bytes.length}`,
  });
  res.end(bytes.subarray(first, last + 1));
}

/**
 * Sample media that PULL_FROM_URL accepts without verification (like TikTok's own sample URL),
 * plus avatar and cover images the API hands out.
 */
export function registerMediaRoutes(router: Router, ctx: SandboxContext) {
  router.add('GET', '/_sandbox/media/:name', control('media'), ({ req, res, params, url }) => {
    const duration = Number(url.searchParams.get('duration') ?? 12);
    const size = Math.min(Number(url.searchParams.get('bytes') ?? 0), MAX_SAMPLE_BYTES);
    switch (params.name) {
      case 'sample.mp4':
      case 'sample.mov':
        return sendBytes(
          req,
          res,
          'video/mp4',
          buildMp4({ durationSeconds: duration, totalBytes: size || undefined }),
        );
      case 'sample.webm':
        return sendBytes(req, res, 'video/webm', SAMPLE_WEBM);
      case 'sample.jpeg':
        return sendBytes(req, res, 'image/jpeg', SAMPLE_JPEG);
      case 'sample.png':
        return sendBytes(req, res, 'image/png', SAMPLE_PNG);
      case 'redirect.mp4':
        // TikTok's puller treats any redirect as a failed download.
        res.writeHead(302, { location: '/_sandbox/media/sample.mp4' });
        res.end();
        return;
      default:
        return sendJson(res, 404, { error: 'no such sample' });
    }
  });

  for (const path of ['/_sandbox/avatars/:file', '/_sandbox/covers/:file', '/_sandbox/stickers/:file']) {
    router.add('GET', path, control('images'), ({ res, params, url }) => {
      // Signed CDN links die at x-expires (sandbox time): covers after 6 h, creator_info avatars
      // after 2 h. Links without it (user/info avatars) do not expire.
      const expires = url.searchParams.get('x-expires');
      if (expires !== null && Number(expires) < ctx.clock.nowSeconds()) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('This link has expired.');
        return;
      }
      const file = params.file ?? '';
      const user = ctx.users.get(file.replace(/\.\w+$/, ''));
      const svg = placeholderImage(file, user?.displayName ?? file);
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' });
      res.end(svg);
    });
  }
}
