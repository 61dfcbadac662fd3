import { ApiError } from './envelope';

/** Reads the comma-separated `fields` query parameter, which TikTok requires on GET and POST alike. */
export function parseFields(url: URL, allowed: readonly string[]): string[] {
  const raw = url.searchParams.get('fields');
  if (!raw) throw new ApiError('invalid_params', 'fields is required (as a query parameter).');
  const fields = [
    ...new Set(
      raw
        .split(',')
        .map((field) => field.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = fields.filter((field) => !allowed.includes(field));
  if (unknown.length > 0) throw new ApiError('invalid_params', `Invalid fields: ${unknown.join(',')}.`);
  return fields;
}

export function pick(source: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, source[field]]));
}
