import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Fault } from './faults';
import { sendJson } from './http';
import type { Surface } from './router';

export function logId(): string {
  return `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(8).toString('hex').toUpperCase()}`;
}

/** Writes an injected fault in the envelope of the surface it hits. */
export function sendFault(res: ServerResponse, surface: Surface, fault: Fault) {
  const message = fault.message ?? 'Injected by the sandbox';
  switch (surface) {
    case 'oauth':
      return sendJson(res, fault.status ?? 500, {
        error: String(fault.errorCode ?? 'server_error'),
        error_description: message,
        log_id: logId(),
      });
    case 'upload':
    case 'cdn':
      // Upload and CDN hosts answer plain text, not an API envelope.
      res.writeHead(fault.status ?? 500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(message);
      return;
    case 'business':
      // The business host reports most failures as HTTP 200 with a non-zero `code`.
      return sendJson(res, fault.status ?? 200, {
        code: Number(fault.errorCode ?? 50000),
        message,
        request_id: logId(),
        data: {},
      });
    default:
      return sendJson(res, fault.status ?? 500, {
        data: {},
        error: { code: String(fault.errorCode ?? 'internal_error'), message, log_id: logId() },
      });
  }
}
