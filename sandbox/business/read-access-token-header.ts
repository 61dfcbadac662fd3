import type { IncomingMessage } from 'node:http';
import { ApiError, CODES } from './api-error';

/**
 * The business host's `Access-Token` header, shared by the Business and Marketing APIs: 40104 when
 * missing. A `Bearer ` prefix is not stripped: TikTok treats the whole value as the token (40105).
 */
export function readAccessTokenHeader(req: IncomingMessage): string {
  const header = req.headers['access-token'];
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) {
    throw new ApiError(
      CODES.accessTokenMissing,
      'Access token is null, you should set it in the `Access-Token` header.',
    );
  }
  return raw;
}
