/**
 * TikTok counts caption limits in UTF-16 code units (the API reference: "at most 2200 UTF-16 code
 * units"), which is JavaScript's `string.length`: an emoji outside the BMP counts 2, a ZWJ family
 * counts every member, joiner and variation selector, a CJK character counts 1. People think in
 * characters, so the counter shows TikTok's count against TikTok's limit. Client-safe and pure.
 */
export const CAPTION_LIMITS = {
  /** Direct Post video `title` (the caption). */
  videoCaption: 2200,
  /** Photo post `title`. */
  photoTitle: 90,
  /** Photo post `description`. */
  photoDescription: 4000,
} as const;

export type CaptionField = keyof typeof CAPTION_LIMITS;

/** The length as TikTok measures it. */
export function tiktokTextLength(text: string): number {
  return text.length;
}

export type CaptionCount = { used: number; limit: number; remaining: number; over: boolean };

export function countCaption(field: CaptionField, text: string): CaptionCount {
  const used = tiktokTextLength(text);
  const limit = CAPTION_LIMITS[field];
  return { used, limit, remaining: limit - used, over: used > limit };
}

/** `#tags` and `@mentions` as TikTok delimits them (by whitespace), for the composer's hints. */
export function extractTags(text: string): { hashtags: string[]; mentions: string[] } {
  const words = text.split(/\s+/u).filter(Boolean);
  return {
    hashtags: words.filter((w) => /^#[^#@\s]+$/u.test(w)),
    mentions: words.filter((w) => /^@[^#@\s]+$/u.test(w)),
  };
}
