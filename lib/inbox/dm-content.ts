import { z } from 'zod';
import type { MessageType } from '@/lib/db/schema';

// Ids arrive as digit strings (lossless parse) or as strings already; both become strings.
const id = z.union([z.string().min(1), z.number()]).transform(String);
const ms = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

/** `content` of im_receive_msg / im_send_msg (reference 3.5). Loose: TikTok adds fields. */
export const dmMessageContentSchema = z.looseObject({
  conversation_id: id,
  message_id: id,
  type: z.string().min(1),
  timestamp: ms,
  from: z.string().optional(),
  from_user: z.looseObject({ id: id.optional() }).optional(),
  to: z.string().optional(),
  to_user: z.looseObject({ id: id.optional() }).optional(),
  text: z.looseObject({ body: z.string().optional() }).optional(),
  image: z.looseObject({ media_id: id.optional() }).optional(),
  share_post: z.looseObject({ embed_url: z.string().optional() }).optional(),
  sticker: z.looseObject({ url: z.string().optional() }).optional(),
});
export type DmMessageContent = z.output<typeof dmMessageContentSchema>;

/** `content` of im_mark_read_msg (reference 3.6). */
export const dmReadContentSchema = z.looseObject({
  conversation_id: id,
  read: z.looseObject({ last_read_timestamp: ms }),
  from_user: z.looseObject({ id: id.optional() }).optional(),
});

export type StoredDm = {
  type: MessageType;
  text: string | null;
  tiktokMediaId: string | null;
  sharePostUrl: string | null;
  tiktokType: string | null;
};

/** Text, image and shared posts are shown; stickers get a placeholder; anything else is unsupported. */
export function toStoredDm(content: DmMessageContent): StoredDm {
  const base = { text: null, tiktokMediaId: null, sharePostUrl: null, tiktokType: content.type };
  switch (content.type) {
    case 'text':
      return { ...base, type: 'text', text: content.text?.body ?? '', tiktokType: null };
    case 'image':
      return { ...base, type: 'image', tiktokMediaId: content.image?.media_id ?? null, tiktokType: null };
    case 'share_post':
      return {
        ...base,
        type: 'share_post',
        sharePostUrl: content.share_post?.embed_url ?? null,
        tiktokType: null,
      };
    case 'sticker':
      return { ...base, type: 'sticker' };
    default:
      return { ...base, type: 'unsupported' };
  }
}

/** The list's one-line preview of a message. */
export function previewOf(dm: Pick<StoredDm, 'type' | 'text'>): string {
  switch (dm.type) {
    case 'text':
      return (dm.text ?? '').slice(0, 140);
    case 'image':
      return 'Photo';
    case 'share_post':
      return 'Shared a post';
    case 'sticker':
      return 'Sticker';
    default:
      return 'Message not supported in Tokdesk';
  }
}
