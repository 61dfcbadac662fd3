import type { SandboxContext } from '../core/context';

export type DevWebhookEvent =
  | 'authorization.removed'
  | 'post.publish.complete'
  | 'post.publish.failed'
  | 'post.publish.inbox_delivered'
  | 'post.publish.publicly_available'
  // TikTok's own spelling: the docs fixed "publicly" for the event above but not for this one.
  | 'post.publish.no_longer_publicaly_available';

/** `authorization.removed` reasons as TikTok numbers them. */
export const REMOVAL_REASONS = {
  unknown: 0,
  userDisconnected: 1,
  accountDeleted: 2,
  ageChanged: 3,
  accountBanned: 4,
  developerRevoked: 5,
} as const;

/**
 * Sends a developer-app webhook to the Login Kit app's callback URL. `content` travels as a JSON
 * string inside the JSON envelope, so receivers must parse twice.
 */
export function emitDevWebhook(
  ctx: SandboxContext,
  input: {
    event: DevWebhookEvent;
    openId: string;
    /** An object, or JSON already encoded (to keep int64 ids exact). */
    content: Record<string, unknown> | string;
    appId?: string;
  },
) {
  const app = ctx.config.apps.find(
    (candidate) => candidate.kind === 'login-kit' && (!input.appId || candidate.id === input.appId),
  );
  if (!app?.webhookUrl) return null;
  return ctx.webhooks.send({
    url: app.webhookUrl,
    secret: app.secret,
    event: input.event,
    envelope: {
      client_key: app.id,
      event: input.event,
      create_time: ctx.clock.nowSeconds(),
      user_openid: input.openId,
      content: typeof input.content === 'string' ? input.content : JSON.stringify(input.content),
    },
  });
}
