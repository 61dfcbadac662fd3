/**
 * The audit metadata of a settings change: `{ field: { from, to } }` for each field of `after`
 * whose value differs from `before`. Empty when nothing changed, so callers can skip the entry.
 */
export function describeChanges<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to !== before[field]) changes[field] = { from: before[field], to };
  }
  return changes;
}
