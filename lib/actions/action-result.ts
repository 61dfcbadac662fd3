/** What every server action returns to `useActionState`: expected failures are values, not throws. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      code: string;
      error: string;
      fieldErrors?: Record<string, string[]>;
      /**
       * What the user typed, so a failed form can show it again: React resets uncontrolled fields
       * once an action settles. Never holds passwords or other secrets (see with-action.ts).
       */
      values?: Record<string, string>;
    };

/**
 * The value to put back into a field after a failed submission: pass it as `defaultValue`, and the
 * reset React performs after the action restores what was typed instead of emptying the field.
 */
export function submittedValue(
  result: ActionResult<unknown> | null,
  name: string,
  fallback?: string,
): string | undefined {
  return (result && !result.ok ? result.values?.[name] : undefined) ?? fallback;
}
