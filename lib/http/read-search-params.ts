import type { z } from 'zod';

type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * A page's query parameters, each parsed with its own schema. A missing or invalid value becomes
 * undefined, so a hand-edited or crafted URL falls back to the page's default view instead of
 * failing; a repeated parameter counts by its first value.
 */
export function readSearchParams<S extends Record<string, z.ZodType>>(
  raw: RawSearchParams,
  shape: S,
): { [K in keyof S]: z.output<S[K]> | undefined } {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const value = raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    const parsed = first === undefined ? undefined : schema.safeParse(first);
    out[key] = parsed?.success ? parsed.data : undefined;
  }
  return out as { [K in keyof S]: z.output<S[K]> | undefined };
}
