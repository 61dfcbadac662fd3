import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server';
import { PLACEHOLDER_PNG } from './media-store';
import { callApi } from './test-helpers';
import { type ConnectedBusiness, connectBusiness, sendCustomerDm } from './testing';

let sandbox: RunningSandbox;
let business: ConnectedBusiness;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
  business = await connectBusiness(sandbox);
});
afterAll(() => sandbox.close());

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

async function upload(file: Buffer, type: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('business_id', business.openId);
  form.set('media_type', 'IMAGE');
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set('file', new Blob([new Uint8Array(file)], { type }), 'photo.bin');
  const response = await fetch(`${sandbox.url}/open_api/v1.3/business/message/media/upload/`, {
    method: 'POST',
    headers: { 'Access-Token': business.accessToken },
    body: form,
  });
  return {
    status: response.status,
    json: (await response.json()) as { code: number; data: { media_id?: string } },
  };
}

describe('business/message/media/upload/', () => {
  it('accepts PNG and JPEG and returns a media_id', async () => {
    for (const [bytes, type] of [
      [PLACEHOLDER_PNG, 'image/png'],
      [JPEG, 'image/jpeg'],
    ] as const) {
      const { json } = await upload(bytes, type);
      expect(json.code).toBe(0);
      expect(json.data.media_id).toEqual(expect.any(String));
    }
  });

  it.each([
    ['a GIF', Buffer.from('GIF89a....'), 'image/gif', {}, 40908],
    ['PNG bytes labelled text/plain', PLACEHOLDER_PNG, 'text/plain', {}, 40908],
    ['over 3 MB', Buffer.concat([JPEG, Buffer.alloc(3 * 1024 * 1024)]), 'image/jpeg', {}, 40002],
    ['media_type VIDEO', PLACEHOLDER_PNG, 'image/png', { media_type: 'VIDEO' }, 40002],
    ['another business_id', PLACEHOLDER_PNG, 'image/png', { business_id: 'other' }, 40001],
  ])('refuses %s', async (_name, bytes, type, fields, code) => {
    expect((await upload(bytes, type, fields)).json.code).toBe(code);
  });

  it('answers HTTP 400 "parsing error" for multipart without a boundary', async () => {
    const response = await fetch(`${sandbox.url}/open_api/v1.3/business/message/media/upload/`, {
      method: 'POST',
      headers: { 'Access-Token': business.accessToken, 'content-type': 'multipart/form-data' },
      body: 'file=abc',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 40002, message: 'parsing error' });
  });
});

describe('image sending, capabilities and download', () => {
  it('sends an uploaded image by media_id', async () => {
    const { conversation } = await sendCustomerDm(sandbox, {
      businessUserId: business.user.id,
      text: 'pic?',
    });
    const mediaId = (await upload(PLACEHOLDER_PNG, 'image/png')).json.data.media_id;
    const { json } = await callApi(sandbox, 'business/message/send/', {
      token: business.accessToken,
      body: {
        business_id: business.openId,
        recipient_type: 'CONVERSATION',
        recipient: conversation.id,
        message_type: 'IMAGE',
        image: { media_id: mediaId },
      },
    });
    expect(json.code).toBe(0);
  });

  it('reports IMAGE_SEND per conversation and refuses images where it is false', async () => {
    const { conversation } = await sendCustomerDm(sandbox, {
      businessUserId: business.user.id,
      customer: { id: 'no-media' },
      imageSend: false,
    });
    const capabilities = (query: Record<string, string>) =>
      callApi(sandbox, 'business/message/capabilities/get/', {
        token: business.accessToken,
        query: {
          business_id: business.openId,
          conversation_id: conversation.id,
          conversation_type: 'SINGLE',
          capability_types: '["IMAGE_SEND"]',
          ...query,
        },
      });
    expect((await capabilities({})).json.data).toEqual({
      capability_infos: [{ capability_type: 'IMAGE_SEND', capability_result: false }],
    });
    expect((await capabilities({ capability_types: '["VIDEO_SEND"]' })).json.code).toBe(40002);
    expect((await capabilities({ capability_types: 'IMAGE_SEND' })).json.code).toBe(40002);
    expect((await capabilities({ conversation_type: 'GROUP' })).json.code).toBe(40002);
    const mediaId = (await upload(PLACEHOLDER_PNG, 'image/png')).json.data.media_id;
    const send = await callApi(sandbox, 'business/message/send/', {
      token: business.accessToken,
      body: {
        business_id: business.openId,
        recipient_type: 'CONVERSATION',
        recipient: conversation.id,
        message_type: 'IMAGE',
        image: { media_id: mediaId },
      },
    });
    expect(send.json.code).toBe(40001);
  });

  it('hands out a download_url that needs the x-user header', async () => {
    const { conversation, message } = await sendCustomerDm(sandbox, {
      businessUserId: business.user.id,
      type: 'image',
      imageBase64: JPEG.toString('base64'),
      imageContentType: 'image/jpeg',
    });
    const mediaId = message.image?.media_id ?? '';
    const body = {
      business_id: business.openId,
      conversation_id: conversation.id,
      message_id: message.message_id,
      media_id: mediaId,
      media_type: 'IMAGE',
    };
    const { json } = await callApi<{ download_url: string }>(sandbox, 'business/message/media/download/', {
      token: business.accessToken,
      body,
    });
    expect(json.code).toBe(0);
    expect((await fetch(json.data.download_url)).status).toBe(403);
    const file = await fetch(json.data.download_url, { headers: { 'x-user': business.accessToken } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(JPEG);
    const wrong = await callApi(sandbox, 'business/message/media/download/', {
      token: business.accessToken,
      body: { ...body, media_id: 'nope' },
    });
    expect(wrong.json.code).toBe(40007);
  });
});
