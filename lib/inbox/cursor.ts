/** Opaque keyset cursors: `<sort key>|<id>` in base64url. */
export function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(`${key}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): { key: string; id: string } | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const at = text.lastIndexOf('|');
  if (at <= 0) return null;
  return { key: text.slice(0, at), id: text.slice(at + 1) };
}
