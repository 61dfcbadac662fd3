import { ApiError, CODES } from '../business/api-error';

/** An optional integer query parameter in [1, max] (page, page_size), else 40002. */
export function intParam(params: URLSearchParams, field: string, fallback: number, max: number) {
  const raw = params.get(field);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new ApiError(CODES.invalidParam, `${field}: Must be between 1 and ${max}.`);
  return value;
}
