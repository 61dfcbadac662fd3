/** Rows of a raw `db.execute()`: postgres.js resolves to the row array itself, PGlite to `{ rows }`. */
export function rowsOf<Row>(result: unknown): Row[] {
  const rows: unknown = Array.isArray(result) ? result : (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as Row[]) : [];
}
