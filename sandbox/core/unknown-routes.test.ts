import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const call = async (path: string, method = 'GET') => {
  const response = await fetch(`${sandbox.url}${path}`, { method });
  const text = await response.text();
  return {
    status: response.status,
    text,
    type: response.headers.get('content-type') ?? '',
    allow: response.headers.get('allow'),
  };
};

describe('unknown routes answer in the envelope of the host they name', () => {
  it('open.tiktokapis.com: the v2 envelope', async () => {
    const { status, text } = await call('/v2/video/nope/', 'POST');
    expect(status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({ data: {}, error: { code: 'invalid_params' } });
    expect(JSON.parse(text).error.log_id).toMatch(/^\d{14}/);
  });

  it('the token host: {error, error_description, log_id}', async () => {
    const { status, text } = await call('/v2/oauth/nope/', 'POST');
    expect(status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({ error: 'invalid_request' });
  });

  it('business-api.tiktok.com: {code, message, request_id, data}', async () => {
    const { status, text } = await call('/open_api/v1.3/campaign/nope/');
    expect(status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({ code: 40002, data: {} });
    expect(JSON.parse(text).request_id).toBeTruthy();
  });

  it('pages answer HTML, the upload host plain text', async () => {
    expect((await call('/portal/nope')).type).toContain('text/html');
    expect((await call('/upload/x', 'POST')).type).toContain('text/plain');
  });

  it('a known path with the wrong method is 405 with Allow', async () => {
    const { status, allow, text } = await call('/v2/user/info/', 'DELETE');
    expect(status).toBe(405);
    expect(allow).toContain('GET');
    expect(JSON.parse(text).error.code).toBe('invalid_params');
  });
});
