import 'server-only';
import type { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { requireWorkspaceContext } from '@/lib/auth/current-workspace';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { assertRateLimit } from '@/lib/kv/assert-rate-limit';
import type { RateLimitPolicyName } from '@/lib/kv/rate-limit-policies';
import { assertRole, requireMembership } from '@/lib/workspaces/require-membership';
import { clientIp } from './client-ip';
import { DEFAULT_MAX_BODY_BYTES, limitedBodyStream, readJsonBody } from './read-json-body';
import { toErrorResponse } from './to-error-response';

type Access = 'public' | 'user' | 'workspace';

export type RouteOptions<TBody extends z.ZodType, TQuery extends z.ZodType, A extends Access> = {
  access: A;
  /** Roles allowed in the workspace; any member when omitted. */
  roles?: readonly Role[];
  body?: TBody;
  query?: TQuery;
  rateLimit?: { policy: RateLimitPolicyName; by: 'ip' | 'user' };
  maxBodyBytes?: number;
  /**
   * The route takes raw bytes (an upload part), not JSON: the body is handed over unread as
   * `ctx.rawBody`, a stream that fails with 413 past `maxBytes`. Exclusive with `body`.
   */
  rawBody?: { maxBytes: number };
};

export type RouteContext<TBody, TQuery, A extends Access> = {
  request: Request;
  db: Db;
  ip: string | null;
  params: Record<string, string | string[] | undefined>;
  body: TBody;
  query: TQuery;
  /** The unread request body, when the route declared `rawBody`; null otherwise. */
  rawBody: ReadableStream<Uint8Array> | null;
  user: A extends 'public' ? null : { id: string; email: string; name: string | null };
  workspace: A extends 'workspace' ? { id: string; role: Role } : null;
};

/**
 * The one wrapper for route handlers: session, workspace membership and role, rate limit, zod
 * parsing, and every error mapped to `{ error: { code, message } }` with its status.
 */
export function withRoute<
  TBody extends z.ZodType = z.ZodUndefined,
  TQuery extends z.ZodType = z.ZodUndefined,
  A extends Access = 'workspace',
>(
  options: RouteOptions<TBody, TQuery, A>,
  handler: (ctx: RouteContext<z.output<TBody>, z.output<TQuery>, A>) => Promise<Response | unknown>,
) {
  return async (
    request: Request,
    routeContext?: { params?: Promise<Record<string, string | string[] | undefined>> },
  ) => {
    try {
      const db = await getDb();
      const ip = clientIp(request.headers);
      const params = (await routeContext?.params) ?? {};
      let user: RouteContext<unknown, unknown, 'user'>['user'] | null = null;
      let workspace: { id: string; role: Role } | null = null;
      if (options.access !== 'public') user = await requireUser();
      if (options.access === 'workspace') {
        // An explicit workspace id (path or header) wins over the remembered one; membership is checked either way.
        const explicit =
          (typeof params.workspaceId === 'string' && params.workspaceId) ||
          request.headers.get('x-workspace-id');
        if (explicit && user) {
          const membership = await requireMembership(db, {
            workspaceId: explicit,
            userId: user.id,
            roles: options.roles,
          });
          workspace = { id: membership.workspaceId, role: membership.role };
        } else {
          // The context was read from the user's memberships in this request: its role is current.
          const context = await requireWorkspaceContext();
          assertRole(context.workspace.role, options.roles);
          workspace = { id: context.workspace.id, role: context.workspace.role };
        }
      }
      if (options.rateLimit) {
        const identifier = options.rateLimit.by === 'user' && user ? user.id : (ip ?? 'unknown');
        await assertRateLimit({ policy: options.rateLimit.policy, identifier });
      }
      const body = options.body
        ? options.body.parse(await readJsonBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES))
        : undefined;
      const rawBody = options.rawBody ? limitedBodyStream(request, options.rawBody.maxBytes) : null;
      const query = options.query
        ? options.query.parse(Object.fromEntries(new URL(request.url).searchParams))
        : undefined;
      const result = await handler({
        request,
        db,
        ip,
        params,
        body,
        query,
        rawBody,
        user,
        workspace,
      } as RouteContext<z.output<TBody>, z.output<TQuery>, A>);
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (error) {
      const response = toErrorResponse(error, `${request.method} ${new URL(request.url).pathname}`);
      // A refused raw body may be left unread: the client must not reuse this connection for
      // its next request (RFC 9112 §9.6).
      if (options.rawBody) response.headers.set('connection', 'close');
      return response;
    }
  };
}
