/** What every server action returns to `useActionState`: expected failures are values, not throws. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };
