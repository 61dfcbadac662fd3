import 'server-only';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { type CurrentUser, requireUser } from '@/lib/auth/current-user';
import { requireWorkspaceContext } from '@/lib/auth/current-workspace';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { toAppError } from '@/lib/errors/to-app-error';
import { clientIp } from '@/lib/http/client-ip';
import { assertRateLimit } from '@/lib/kv/assert-rate-limit';
import type { RateLimitPolicyName } from '@/lib/kv/rate-limit-policies';
import { logError } from '@/lib/log/log-error';
import { assertRole } from '@/lib/workspaces/require-membership';
import type { ActionResult } from './action-result';

type Access = 'public' | 'user' | 'workspace';

export type ActionOptions<S extends z.ZodType, A extends Access> = {
  access: A;
  schema: S;
  roles?: readonly Role[];
  /** `identify` picks what the limit is keyed by; defaults to the user id, else the IP. */
  rateLimit?: { policy: RateLimitPolicyName; identify?: (input: z.output<S>, ip: string | null) => string[] };
};

export type ActionContext<I, A extends Access> = {
  db: Db;
  input: I;
  ip: string | null;
  user: A extends 'public' ? null : CurrentUser;
  workspace: A extends 'workspace' ? { id: string; name: string; role: Role } : null;
};

/**
 * The one wrapper for server actions: session, workspace membership and role, rate limit and zod
 * parsing of the form, with every failure returned as a message the form can show.
 * `redirect()` and `notFound()` pass through.
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
        // The context was read from the user's memberships in this request: its role is current.
        const context = await requireWorkspaceContext();
        assertRole(context.workspace.role, options.roles);
        workspace = context.workspace;
      }
      if (options.rateLimit) {
        const identifier = options.rateLimit.identify?.(input, ip) ?? [user?.id ?? ip ?? 'unknown'];
        await assertRateLimit({ policy: options.rateLimit.policy, identifier });
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
      return { ok: false, code: appError.code, error: message, fieldErrors: appError.fieldErrors };
    }
  };
}

/** Form fields as a plain object; Next's internal `$ACTION_*` fields are dropped. */
function formEntries(formData: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith('$ACTION')));
}
