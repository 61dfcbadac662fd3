import { toKeySegment } from '@/lib/storage/object-key';
import type { MediaPurpose } from '@/lib/uploads/media-purposes';

const EXTENSIONS: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * `media/<workspace-id>/<purpose>/<media-id>.<ext>`: ids we generated and an extension from the
 * checked content type. The user's file name never reaches a key (it lives in the row).
 */
export function mediaKey(input: {
  workspaceId: string;
  purpose: MediaPurpose;
  mediaId: string;
  contentType: string;
}) {
  const extension = EXTENSIONS[input.contentType] ?? 'bin';
  return `media/${toKeySegment(input.workspaceId)}/${input.purpose}/${toKeySegment(input.mediaId)}.${extension}`;
}
