import 'server-only';
import { z } from 'zod';
import { assertRole, requireMembership } from '@/lib/access/require-membership';
import { requireUser } from '@/lib/auth/current-user';
import { requireWorkspaceContext, requireWorkspaceContextFor } from '@/lib/auth/current-workspace';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { assertRateLimit } from '@/lib/kv/assert-rate-limit';
import type { RateLimitPolicyName } from '@/lib/kv/rate-limit-policies';
import { clientIp } from '@/lib/request/client-ip';
import { hasBody, isSameOriginRequest, mediaType } from '@/lib/request/same-origin';
import { WORKSPACE_HEADER } from '@/lib/workspaces/workspace-binding';
import { DEFAULT_MAX_BODY_BYTES, limitedBodyStream, readJsonBody } from './read-json-body';
import { toErrorResponse } from './to-error-response';

type Access = 'public' | 'user' | 'workspace';

export type RouteRateLimit = { policy: RateLimitPolicyName; by: 'ip' | 'user' };

export type RouteOptions<TBody extends z.ZodType, TQuery extends z.ZodType, A extends Access> = {
  access: A;
  /** Roles allowed in the workspace; any member when omitted. */
  roles?: readonly Role[];
  /** A JSON body (`Content-Type: application/json`), parsed with this schema. */
  body?: TBody;
  /** Query parameters; a value the schema refuses is a 400. */
  query?: TQuery;
  /**
   * Limits counted before the handler runs. Signed-in routes count against the `api` policy per
   * user unless they list their own (include `api` to keep it); `false` turns limiting off.
   */
  rateLimit?: RouteRateLimit | readonly RouteRateLimit[] | false;
  maxBodyBytes?: number;
  /**
   * The body is not JSON: the handler reads `request.body` itself (signed webhooks, binary uploads).
   * `contentTypes` lists the media types accepted, or `'any'` when the handler checks the bytes
   * itself (a signature over the raw body).
   */
  rawBody?: {
    contentTypes: readonly string[] | 'any';
    /** Hands the body over unread as `ctx.rawBody`, a stream that fails with 413 past this size. */
    maxBytes?: number;
  };
  /**
   * State-changing requests must come from our own pages (Origin / Sec-Fetch-Site against APP_URL)
   * unless the route authenticates every request by itself and says how. Only public routes may:
   * cookies must never authorize a request another site can make.
   */
  crossSite?: { allowed: true; authenticatedBy: 'signature' | 'bearer-secret' };
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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * TikTok's webhook deliveries: posted by TikTok's servers (cross-site by nature), authenticated by
 * the `TikTok-Signature` over the raw bytes, whatever content type they claim.
 */
export const WEBHOOK_ROUTE = {
  access: 'public',
  crossSite: { allowed: true, authenticatedBy: 'signature' },
  rawBody: { contentTypes: 'any' },
} as const satisfies RouteOptions<z.ZodUndefined, z.ZodUndefined, 'public'>;

/**
 * The one wrapper for route handlers: same-origin and body-type checks for state-changing
 * requests, session, workspace membership and role, rate limits, zod parsing, and every error
 * mapped to `{ error: { code, message } }` with its status.
 */
export function withRoute<
  TBody extends z.ZodType = z.ZodUndefined,
  TQuery extends z.ZodType = z.ZodUndefined,
  A extends Access = 'workspace',
>(
  options: RouteOptions<TBody, TQuery, A>,
  handler: (ctx: RouteContext<z.output<TBody>, z.output<TQuery>, A>) => Promise<Response | unknown>,
) {
  if (options.crossSite && options.access !== 'public')
    throw new Error('withRoute: only public routes may accept cross-site requests');
  if (options.rawBody && options.body)
    throw new Error('withRoute: a route reads JSON or a raw body, not both');

  return async (
    request: Request,
    routeContext?: { params?: Promise<Record<string, string | string[] | undefined>> },
  ) => {
    try {
      const changesState = !SAFE_METHODS.has(request.method);
      if (changesState) assertRequestShape(request, options);
      const db = await getDb();
      const ip = clientIp(request.headers);
      const params = (await routeContext?.params) ?? {};
      let user: RouteContext<unknown, unknown, 'user'>['user'] | null = null;
      let workspace: { id: string; role: Role } | null = null;
      if (options.access !== 'public') user = await requireUser();
      if (options.access === 'workspace' && user) {
        if (typeof params.workspaceId === 'string') {
          // The id is in the path: that workspace, membership checked.
          const membership = await requireMembership(db, {
            workspaceId: params.workspaceId,
            userId: user.id,
            roles: options.roles,
          });
          workspace = { id: membership.workspaceId, role: membership.role };
        } else {
          // Id-less routes act on the remembered workspace; a page that changes state names the one
          // it was rendered for, and a second tab's switch in between is refused, not followed.
          const rendered = request.headers.get(WORKSPACE_HEADER);
          const context =
            changesState || rendered
              ? await requireWorkspaceContextFor(rendered)
              : await requireWorkspaceContext();
          assertRole(context.workspace.role, options.roles);
          workspace = { id: context.workspace.id, role: context.workspace.role };
        }
      }
      for (const limit of rateLimitsFor(options)) {
        if (limit.by === 'user' && user) await assertRateLimit({ policy: limit.policy, identifier: user.id });
        else if (limit.by === 'ip' && ip) await assertRateLimit({ policy: limit.policy, identifier: ip });
      }
      const body = options.body
        ? options.body.parse(await readJsonBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES))
        : undefined;
      const rawBody = options.rawBody?.maxBytes ? limitedBodyStream(request, options.rawBody.maxBytes) : null;
      const query = options.query ? parseQuery(options.query, request.url) : undefined;
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

function rateLimitsFor(options: RouteOptions<z.ZodType, z.ZodType, Access>): readonly RouteRateLimit[] {
  if (options.rateLimit === false) return [];
  if (options.rateLimit) return [options.rateLimit].flat();
  return options.access === 'public' ? [] : [{ policy: 'api', by: 'user' }];
}

/** CSRF and content-type rules for POST, PUT, PATCH and DELETE. */
function assertRequestShape(request: Request, options: RouteOptions<z.ZodType, z.ZodType, Access>): void {
  if (!options.crossSite && !isSameOriginRequest(request.headers, new URL(env.APP_URL).origin)) {
    throw new AppError({
      code: 'forbidden',
      message: 'This request came from another site and was refused.',
    });
  }
  if (!hasBody(request.headers) && !options.body) return;
  const type = mediaType(request.headers);
  const accepted = options.rawBody ? options.rawBody.contentTypes : ['application/json'];
  if (accepted !== 'any' && !(type && accepted.includes(type))) {
    throw new AppError({
      code: 'unsupported_media_type',
      message: `Send the request body as ${[accepted].flat().join(' or ')}.`,
    });
  }
}

function parseQuery<T extends z.ZodType>(schema: T, url: string): z.output<T> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(url).searchParams));
  if (parsed.success) return parsed.data;
  throw new AppError({
    code: 'bad_request',
    message: `Invalid query: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'query'} ${issue.message}`).join('; ')}.`,
    fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
  });
}
