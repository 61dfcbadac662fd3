import { randomUUID } from 'node:crypto';
import { DEFAULT_CREDENTIALS } from '@/sandbox/core/config';
import { signWebhook } from '@/sandbox/core/webhook-sender';

export const LOGIN_KIT_SECRET = DEFAULT_CREDENTIALS.loginKit.secret;
export const BUSINESS_SECRET = DEFAULT_CREDENTIALS.business.secret;

export type TestEnvelopeOptions = {
  event?: string;
  openId?: string;
  content?: Record<string, unknown>;
  clientKey?: string;
  /** `create_time` in Unix seconds; now by default. */
  createTime?: number;
};

/** A TikTok webhook body as the sandbox sends it; unique unless `content` pins it. */
export function webhookBody({
  event = 'authorization.removed',
  openId = `open-${randomUUID()}`,
  content = { reason: 1, nonce: randomUUID() },
  clientKey = DEFAULT_CREDENTIALS.loginKit.id,
  createTime = Math.floor(Date.now() / 1000),
}: TestEnvelopeOptions = {}): string {
  return JSON.stringify({
    client_key: clientKey,
    event,
    create_time: createTime,
    user_openid: openId,
    content: JSON.stringify(content),
  });
}

export function signatureFor(
  body: string,
  secret: string = LOGIN_KIT_SECRET,
  t = Math.floor(Date.now() / 1000),
) {
  return signWebhook(secret, body, t);
}

/** A Request as TikTok would send it to one of our webhook routes. */
export function webhookRequest(
  path: '/api/webhooks/tiktok' | '/api/webhooks/tiktok-business',
  body: string,
  signature: string | null,
): Request {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (signature !== null) headers.set('TikTok-Signature', signature);
  return new Request(`http://localhost:3000${path}`, { method: 'POST', headers, body });
}
