import 'server-only';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { assertRole } from '@/lib/access/require-membership';
import { type CurrentUser, requireUser } from '@/lib/auth/current-user';
import { requireWorkspaceContextFor } from '@/lib/auth/current-workspace';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { toAppError } from '@/lib/errors/to-app-error';
import { assertRateLimit } from '@/lib/kv/assert-rate-limit';
import type { RateLimitPolicyName } from '@/lib/kv/rate-limit-policies';
import { logError } from '@/lib/log/log-error';
import { clientIp } from '@/lib/request/client-ip';
import { WORKSPACE_FORM_FIELD } from '@/lib/workspaces/workspace-binding';
import type { ActionResult } from './action-result';

type Access = 'public' | 'user' | 'workspace';

export type ActionRateLimit<I> = {
  policy: RateLimitPolicyName;
  /**
   * What the limit is keyed by; defaults to the user id, else the IP. Returning null skips this
   * limit for the request (e.g. a per-IP limit when the client IP is unknown).
   */
  identify?: (input: I, ip: string | null) => string[] | null;
};

export type ActionOptions<S extends z.ZodType, A extends Access> = {
  access: A;
  schema: S;
  roles?: readonly Role[];
  rateLimit?: ActionRateLimit<z.output<S>> | readonly ActionRateLimit<z.output<S>>[];
};

export type ActionContext<I, A extends Access> = {
  db: Db;
  input: I;
  ip: string | null;
  user: A extends 'public' ? null : CurrentUser;
  workspace: A extends 'workspace' ? { id: string; name: string; role: Role } : null;
};

// Never sent back to the browser, whatever a form calls them.
const SECRET_FIELD = /password|secret|token/i;
const MAX_ECHOED_LENGTH = 2000;

/**
 * The one wrapper for server actions: session, workspace membership and role, rate limits and zod
 * parsing of the form, with every failure returned as a message the form can show (and the
 * non-secret values the user typed, so the form can keep them). Workspace actions refuse a form
 * rendered for another workspace than the one the user is in now. `redirect()` and `notFound()`
 * pass through.
 */
export function withAction<S extends z.ZodType, A extends Access, R = undefined>(
  options: ActionOptions<S, A>,
  action: (ctx: ActionContext<z.output<S>, A>) => Promise<R>,
) {
  return async (_previous: ActionResult<R> | null, formData: FormData): Promise<ActionResult<R>> => {
    try {
      const db = await getDb();
      const ip = clientIp(await headers());
      const input = options.schema.parse(formEntries(formData));
      let user: CurrentUser | null = null;
      let workspace: ActionContext<unknown, 'workspace'>['workspace'] | null = null;
      if (options.access !== 'public') user = await requireUser();
      if (options.access === 'workspace') {
        const rendered = formData.get(WORKSPACE_FORM_FIELD);
        // The context was read from the user's memberships in this request: its role is current.
        const context = await requireWorkspaceContextFor(typeof rendered === 'string' ? rendered : null);
        assertRole(context.workspace.role, options.roles);
        workspace = context.workspace;
      }
      const limits = options.rateLimit ? [options.rateLimit].flat() : [];
      for (const limit of limits) {
        const identifier = limit.identify ? limit.identify(input, ip) : [user?.id ?? ip ?? 'unknown'];
        if (identifier) await assertRateLimit({ policy: limit.policy, identifier });
      }
      const data = await action({ db, input, ip, user, workspace } as ActionContext<z.output<S>, A>);
      return { ok: true, data };
    } catch (error) {
      unstable_rethrow(error);
      const appError = toAppError(error);
      if (appError.status >= 500) logError('server action', error);
      // With field errors the fields say what is wrong; the summary just points at them.
      const message =
        appError.fieldErrors && appError.code === 'unprocessable_entity'
          ? 'Please correct the highlighted fields.'
          : appError.message;
      return {
        ok: false,
        code: appError.code,
        error: message,
        fieldErrors: appError.fieldErrors,
        values: echoedValues(formData),
      };
    }
  };
}

/** Form fields as a plain object; Next's internal `$ACTION_*` fields and our workspace field are dropped. */
function formEntries(formData: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries(
    [...formData.entries()].filter(([key]) => !key.startsWith('$ACTION') && key !== WORKSPACE_FORM_FIELD),
  );
}

function echoedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION') || SECRET_FIELD.test(key) || typeof value !== 'string') continue;
    values[key] = value.slice(0, MAX_ECHOED_LENGTH);
  }
  return values;
}
