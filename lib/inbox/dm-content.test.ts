import { describe, expect, it } from 'vitest';
import { dmMessageContentSchema, dmReadContentSchema, previewOf, toStoredDm } from './dm-content';

const base = { conversation_id: 'c1', message_id: '7300000000000000001', timestamp: 1_767_225_600_123 };

describe('DM webhook content', () => {
  it('keeps 19-digit ids as exact strings and the timestamp in milliseconds', () => {
    const parsed = dmMessageContentSchema.parse({
      ...base,
      message_id: 7300000000000000001n.toString(),
      type: 'text',
    });
    expect(parsed.message_id).toBe('7300000000000000001');
    expect(parsed.timestamp).toBe(1_767_225_600_123);
    const read = dmReadContentSchema.parse({
      conversation_id: 'c1',
      read: { last_read_timestamp: '1767225600999' },
    });
    expect(read.read.last_read_timestamp).toBe(1_767_225_600_999);
  });

  it('maps text, image, shared posts, stickers and anything else', () => {
    const parse = (extra: Record<string, unknown>) =>
      toStoredDm(dmMessageContentSchema.parse({ ...base, ...extra }));
    expect(parse({ type: 'text', text: { body: 'hi' } })).toMatchObject({ type: 'text', text: 'hi' });
    expect(parse({ type: 'image', image: { media_id: 'm1' } })).toMatchObject({
      type: 'image',
      tiktokMediaId: 'm1',
    });
    expect(
      parse({ type: 'share_post', share_post: { embed_url: 'https://www.tiktok.com/embed/1' } }),
    ).toMatchObject({
      type: 'share_post',
      sharePostUrl: 'https://www.tiktok.com/embed/1',
    });
    expect(parse({ type: 'sticker', sticker: { url: 'https://x' } })).toMatchObject({
      type: 'sticker',
      tiktokType: 'sticker',
    });
    expect(parse({ type: 'video' })).toMatchObject({ type: 'unsupported', tiktokType: 'video' });
  });

  it('previews each type in a few words', () => {
    expect(previewOf({ type: 'image', text: null })).toBe('Photo');
    expect(previewOf({ type: 'text', text: 'x'.repeat(500) })).toHaveLength(140);
  });
});
