import { isInteger, isSafeNumber, parse } from 'lossless-json';
import { z } from 'zod';

/**
 * `JSON.parse` for TikTok's bodies, except that an integer too large for a JS number (post ids,
 * item ids and message ids are 19 digits, above 2^53) comes back as its exact digit string instead
 * of a rounded number. Every other number is an ordinary `number`. lossless-json does the parsing;
 * JSON.parse's reviver would be too late (it sees the already rounded number).
 */
export function parseTikTokJson(text: string): unknown {
  const value = parse(text, null, (digits) =>
    isInteger(digits) && !isSafeNumber(digits) ? digits : Number(digits),
  );
  // Only text whose escapes spell one of them is walked, so ordinary bodies cost one regex test.
  return SPELLS_UNSTORABLE.test(text) ? storableTree(value) : value;
}

const SPELLS_UNSTORABLE = /\\u(?:0000|[dD][89a-fA-F])/;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Postgres text holds neither NUL nor an unpaired UTF-16 surrogate, and JSON escapes can spell
 * both: a DM or a caption carrying one would fail its insert on every retry. NULs are dropped and
 * lone surrogates become U+FFFD, what a UTF-8 encoder writes for them anyway.
 */
export function storableText(text: string): string {
  return text.replaceAll('\0', '').replace(LONE_SURROGATES, '\uFFFD');
}

/**
 * Whether JSON `text` parses to nothing but text Postgres holds as it is (jsonb refuses the same
 * two characters). Only text whose escapes spell one is parsed, by JSON.parse, to see the originals.
 */
export function jsonIsStorable(text: string): boolean {
  if (!SPELLS_UNSTORABLE.test(text)) return true;
  const raw: unknown = JSON.parse(text);
  return JSON.stringify(storableTree(raw)) === JSON.stringify(raw);
}

function storableTree(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableTree);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [storableText(key), storableTree(item)]),
    );
  return value;
}

/**
 * A TikTok id, always a string: TikTok types some as int64 JSON numbers (small ones arrive as
 * numbers, large ones as strings from `parseTikTokJson`) and others as strings; callers store and
 * compare one form.
 */
export const tiktokIdSchema = z
  .union([z.string().min(1), z.number().int().nonnegative()])
  .transform((value) => String(value));
