import type { IncomingMessage, ServerResponse } from 'node:http';
import { logId } from '../core/fault-response';
import { readBody, sendJson } from '../core/http';
import { parseJsonWithInt64, stringifyWithInt64 } from '../core/int64-json';
import { parseLooseJson } from '../core/loose-json';
import type { RouteHandler, RouteRequest } from '../core/router';

/**
 * A refusal on business-api.tiktok.com. The host answers almost everything with HTTP 200 and a
 * non-zero `code` (marketing reference A4), so `httpStatus` stays 200 unless a quirk says otherwise.
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

/** Return codes this host uses; names follow the reference tables. */
export const CODES = {
  noPermission: 40001,
  invalidParam: 40002,
  notFound: 40007,
  messagingRestricted: 40064,
  rateLimited: 40100,
  appCredentialsInvalid: 40101,
  accessTokenExpired: 40102,
  refreshTokenExpired: 40103,
  accessTokenMissing: 40104,
  accessTokenInvalid: 40105,
  advertiserNotInToken: 40106,
  refreshTokenInvalid: 40107,
  authCodeInvalid: 40110,
  appMismatch: 40113,
  advertiserRateLimited: 40133,
  advertiserNotFound: 40300,
  unsupportedFileFormat: 40908,
} as const;

function envelope(code: number, message: string, data: unknown) {
  const requestId = logId();
  return { body: { code, message, request_id: requestId, data }, headers: { 'x-tt-logid': requestId } };
}

/** Success envelope; digit-only values under `int64Keys` are written as bare int64 numbers. */
export function sendOk(res: ServerResponse, data: unknown, int64Keys: string[] = []) {
  const { body, headers } = envelope(0, 'OK', data);
  if (int64Keys.length === 0) return sendJson(res, 200, body, headers);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(stringifyWithInt64(body, int64Keys));
}

export function sendApiError(res: ServerResponse, error: ApiError) {
  const { body, headers } = envelope(error.code, error.message, {});
  sendJson(res, error.httpStatus, body, headers);
}

/** The one wrapper every business-host route goes through: ApiError → envelope. */
export function apiRoute(handler: RouteHandler): RouteHandler {
  return async (request: RouteRequest) => {
    try {
      await handler(request);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      sendApiError(request.res, err);
    }
  };
}

export type JsonObject = Record<string, unknown>;

export async function readJsonObject(req: IncomingMessage): Promise<JsonObject> {
  const raw = (await readBody(req, 5 * 1024 * 1024)).toString('utf8');
  if (!raw.trim()) return {};
  let parsed: unknown;
  try {
    // Clients may send ids as bare int64 numbers; read them exactly.
    parsed = parseJsonWithInt64(raw);
  } catch {
    throw new ApiError(CODES.invalidParam, 'Request body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ApiError(CODES.invalidParam, 'Request body must be a JSON object.');
  return parsed as JsonObject;
}

/** Required string field; TikTok words missing fields in this marshmallow-like way. */
export function requireString(source: JsonObject | URLSearchParams, field: string): string {
  const value = source instanceof URLSearchParams ? source.get(field) : source[field];
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value === '')
    throw new ApiError(CODES.invalidParam, `${field}: Missing data for required field.`);
  return value;
}

export function optionalString(source: JsonObject | URLSearchParams, field: string): string | undefined {
  const value = source instanceof URLSearchParams ? source.get(field) : source[field];
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new ApiError(CODES.invalidParam, `${field}: Not a valid string.`);
  return value;
}

/**
 * Query parameters that carry lists are JSON array strings (`["a", "b"]`; Ruby's Array#to_s and
 * Python's repr `['a', 'b']` work too).
 */
export function parseJsonArrayParam(raw: string | null, field: string): string[] | undefined {
  if (raw === null || raw === '') return undefined;
  try {
    const parsed: unknown = parseLooseJson(raw);
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
  } catch {
    // fall through to the error below
  }
  throw new ApiError(CODES.invalidParam, `${field}: Not a valid list.`);
}
