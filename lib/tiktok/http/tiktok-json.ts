import { isInteger, isSafeNumber, parse } from 'lossless-json';
import { z } from 'zod';

/**
 * `JSON.parse` for TikTok's bodies, except that an integer too large for a JS number (post ids,
 * item ids and message ids are 19 digits, above 2^53) comes back as its exact digit string instead
 * of a rounded number. Every other number is an ordinary `number`. lossless-json does the parsing;
 * JSON.parse's reviver would be too late (it sees the already rounded number).
 */
export function parseTikTokJson(text: string): unknown {
  return parse(text, null, (value) => (isInteger(value) && !isSafeNumber(value) ? value : Number(value)));
}

/**
 * A TikTok id, always a string: TikTok types some as int64 JSON numbers (small ones arrive as
 * numbers, large ones as strings from `parseTikTokJson`) and others as strings; callers store and
 * compare one form.
 */
export const tiktokIdSchema = z
  .union([z.string().min(1), z.number().int().nonnegative()])
  .transform((value) => String(value));
