import 'server-only';
import { eq, like, or } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** Same rule as the database check (`workspaces_slug_format`). */
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, { error: 'Use at least 3 characters.' })
  .max(48, { error: 'Use at most 48 characters.' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: 'Use lower-case letters, digits and single hyphens between them.',
  });

/** `Café Ünïcorn & Co.` → `cafe-unicorn-co`; names without Latin letters or digits → `workspace`. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base.length >= 3 ? base : base ? `${base}-workspace` : 'workspace';
}

/**
 * The slug for a new workspace: its name's, or with the first free number appended when taken.
 * A concurrent creation can still take it first: the insert uses `onConflictDoNothing` and retries.
 */
export async function findFreeSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await db
        .select({ slug: workspaces.slug })
        .from(workspaces)
        .where(or(eq(workspaces.slug, base), like(workspaces.slug, `${base}-%`)))
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
