import { describe, expect, it } from 'vitest';
import { parseWebhookContent, parseWebhookEnvelope } from './parse-webhook-envelope';

const envelope = (content: string) =>
  JSON.stringify({
    client_key: 'sbxclientkey0001',
    event: 'post.publish.publicly_available',
    create_time: 1_750_000_000,
    user_openid: 'open-1',
    content,
  });

describe('parseWebhookContent', () => {
  it('keeps 19-digit ids in content exact', () => {
    const body = envelope(
      '{"publish_id":"v_pub_url~v2.1","post_id":7212345678901234567,"publish_type":"DIRECT_POST"}',
    );
    expect(parseWebhookContent(JSON.parse(body))).toEqual({
      publish_id: 'v_pub_url~v2.1',
      post_id: '7212345678901234567',
      publish_type: 'DIRECT_POST',
    });
  });

  it('returns null for content that is not JSON', () => {
    expect(parseWebhookContent(JSON.parse(envelope('{"post_id":')))).toBeNull();
  });
});

describe('parseWebhookEnvelope', () => {
  it('reads the envelope fields', () => {
    expect(parseWebhookEnvelope(envelope('{}'))).toEqual({
      event: 'post.publish.publicly_available',
      clientKey: 'sbxclientkey0001',
      userOpenId: 'open-1',
      occurredAt: new Date(1_750_000_000_000),
      isJson: true,
    });
  });

  it('still reads valid JSON that repeats a key, which the lossless parser refuses', () => {
    const body = '{"event":"authorization.removed","event":"authorization.removed","user_openid":"o"}';
    expect(parseWebhookEnvelope(body)).toMatchObject({ event: 'authorization.removed', isJson: true });
    expect(parseWebhookEnvelope('not json')).toMatchObject({ event: 'unknown', isJson: false });
  });

  it('drops NUL characters from the fields it indexes, which Postgres text cannot hold', () => {
    const body = '{"event":"post.\\u0000publish","user_openid":"open\\u0000-1","client_key":"\\u0000"}';
    expect(parseWebhookEnvelope(body)).toMatchObject({
      event: 'post.publish',
      userOpenId: 'open-1',
      clientKey: null,
      isJson: false,
    });
  });

  it('marks a body with an unpaired surrogate as not storable as jsonb, and keeps pairs', () => {
    const lone =
      '{"event":"im_receive_msg","user_openid":"o\\ud800","content":"{\\"text\\":\\"\\\\udc00\\"}","x":"\\udfff"}';
    expect(parseWebhookEnvelope(lone)).toMatchObject({ userOpenId: 'o\uFFFD', isJson: false });
    const paired =
      '{"event":"im_receive_msg","user_openid":"\\ud83d\\ude00","content":"{\\"text\\":\\"\\\\udc00\\"}"}';
    // The escaped escape inside `content` is plain text at this level: only a real lone surrogate counts.
    expect(parseWebhookEnvelope(paired)).toMatchObject({ userOpenId: '😀', isJson: true });
  });
});
