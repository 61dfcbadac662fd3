import { z } from 'zod';

/** The per-account choices: the composer sends one per selected account. Client-safe. */
export const targetSettingsSchema = z.object({
  privacyLevel: z.string().min(1).max(64).nullable(),
  allowComment: z.boolean(),
  allowDuet: z.boolean(),
  allowStitch: z.boolean(),
  disclosure: z.object({ enabled: z.boolean(), yourBrand: z.boolean(), brandedContent: z.boolean() }),
  isAigc: z.boolean(),
  autoAddMusic: z.boolean().optional(),
});

/** What the composer submits. Lengths are checked as TikTok counts them in `createPost`. */
export const postInputSchema = z.object({
  kind: z.enum(['video', 'photo']),
  mode: z.enum(['direct', 'inbox']),
  source: z.enum(['FILE_UPLOAD', 'PULL_FROM_URL']).default('FILE_UPLOAD'),
  mediaIds: z.array(z.string().min(1).max(64)).min(1).max(35),
  caption: z.string().max(10_000).default(''),
  description: z.string().max(10_000).default(''),
  coverIndex: z.number().int().min(0).max(34).default(0),
  /** ISO instant; null or absent = post now. */
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
  /** Save without submitting (a Tokdesk draft). */
  asDraft: z.boolean().default(false),
  targets: z
    .array(z.object({ accountId: z.string().min(1).max(64), settings: targetSettingsSchema }))
    .min(1, { error: 'Choose at least one account.' })
    .max(20),
});

export type PostInput = z.input<typeof postInputSchema>;
export type ParsedPostInput = z.output<typeof postInputSchema>;
