/**
 * What each kind of stored file may be: the one table the browser pre-checks against and the
 * server enforces. Client-safe (no server imports). Sizes are decimal, as TikTok states them
 * ("4 GB", "20 MB", "under 3 MB"), which is the stricter reading.
 */
export type MediaPurpose = 'video' | 'photo' | 'dm_image' | 'dm_inbound';
export type MemberRole = 'owner' | 'admin' | 'agent';

export type MediaPurposeRule = {
  label: string;
  maxBytes: number;
  contentTypes: readonly string[];
  /** Who may upload it from a browser; empty = only the server stores it (fetched from TikTok). */
  uploaderRoles: readonly MemberRole[];
};

export const MEDIA_PURPOSES = {
  /** Direct post / inbox draft video (TikTok: MP4, MOV or WebM, at most 4 GB). */
  video: {
    label: 'video',
    maxBytes: 4_000_000_000,
    contentTypes: ['video/mp4', 'video/quicktime', 'video/webm'],
    uploaderRoles: ['owner', 'admin'],
  },
  /** Photo post image (TikTok: JPEG or WebP, at most 20 MB; PNG is converted to JPEG before posting). */
  photo: {
    label: 'photo',
    maxBytes: 20_000_000,
    contentTypes: ['image/jpeg', 'image/webp', 'image/png'],
    uploaderRoles: ['owner', 'admin'],
  },
  /** An image reply in the inbox (TikTok: JPEG or PNG, under 3 MB). */
  dm_image: {
    label: 'image',
    maxBytes: 3_000_000,
    contentTypes: ['image/jpeg', 'image/png'],
    uploaderRoles: ['owner', 'admin', 'agent'],
  },
  /** Media a customer sent in a DM, fetched by the server from TikTok's download API. */
  dm_inbound: {
    label: 'image',
    maxBytes: 20_000_000,
    contentTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
    uploaderRoles: [],
  },
} as const satisfies Record<MediaPurpose, MediaPurposeRule>;

export const BROWSER_UPLOAD_PURPOSES = ['video', 'photo', 'dm_image'] as const;
export type BrowserUploadPurpose = (typeof BROWSER_UPLOAD_PURPOSES)[number];

/** "3 MB", "4 GB": sizes the way the limits are written. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const rounded = unit === 0 || value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}

export type MediaCheckProblem = { code: 'payload_too_large' | 'unsupported_type' | 'empty'; message: string };

/** The pre-check the browser runs before uploading and the server runs before accepting. */
export function checkMediaFile(
  purpose: MediaPurpose,
  file: { size: number; contentType: string },
): MediaCheckProblem | null {
  const rule: MediaPurposeRule = MEDIA_PURPOSES[purpose];
  if (!rule.contentTypes.includes(file.contentType)) {
    const allowed = rule.contentTypes.map((type) =>
      type.split('/')[1]?.replace('quicktime', 'mov').toUpperCase(),
    );
    return {
      code: 'unsupported_type',
      message: `This ${rule.label} must be ${allowed.slice(0, -1).join(', ')}${allowed.length > 1 ? ' or ' : ''}${allowed.at(-1)}.`,
    };
  }
  if (file.size <= 0) return { code: 'empty', message: 'This file is empty.' };
  if (file.size > rule.maxBytes) {
    const limit = formatBytes(rule.maxBytes);
    // Rounded sizes can read alike ("3 MB" over "3 MB"): then say the exact count.
    const size =
      formatBytes(file.size) === limit
        ? `${file.size.toLocaleString('en-US')} bytes`
        : formatBytes(file.size);
    return { code: 'payload_too_large', message: `This ${rule.label} is ${size}, over the ${limit} limit.` };
  }
  return null;
}
