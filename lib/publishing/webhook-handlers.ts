import 'server-only';
import { and, asc, eq, lte } from 'drizzle-orm';
import { z } from 'zod';
import { type PostTarget, postTargets, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { tiktokIdSchema } from '@/lib/tiktok/http/tiktok-json';
import { now } from '@/lib/time/clock';
import type {
  WebhookEventHandler,
  WebhookEventHandlers,
  WebhookEventInput,
} from '@/lib/webhooks/webhook-event-handler';
import { retriesAutomatically } from './fail-reasons';
import { failTarget } from './fail-target';
import { isFinalStage, updateTarget } from './update-target';

const contentSchema = z.object({
  publish_id: z.string().min(1),
  reason: z.string().optional(),
  post_id: tiktokIdSchema.optional(),
  publish_type: z.string().optional(),
});

/** Deliveries retry for days: an event may name an init from slightly before we recorded it. */
const ADOPT_SLACK_MS = 60_000;

/**
 * The target an event is about: by publish_id, or — for an init whose answer we lost (a pull that
 * TikTok accepted) — the oldest target of this creator waiting in `init_unknown` whose init began
 * before the event was issued. That is how a lost init is resolved without a second post.
 */
async function findTarget(tx: Db, event: WebhookEventInput, publishId: string) {
  // The target row only: the handlers change nothing else, and every event runs this lookup.
  const [known] = await tx
    .select()
    .from(postTargets)
    .where(eq(postTargets.publishId, publishId))
    .limit(1)
    .for('update');
  if (known || !event.userOpenId) return known ?? null;
  const issued = new Date((event.occurredAt ?? now()).getTime() + ADOPT_SLACK_MS);
  const [orphan] = await tx
    .select({ target: postTargets })
    .from(postTargets)
    .innerJoin(tiktokAccounts, eq(tiktokAccounts.id, postTargets.accountId))
    .where(
      and(
        eq(postTargets.stage, 'init_unknown'),
        eq(tiktokAccounts.tiktokId, event.userOpenId),
        eq(tiktokAccounts.kind, 'creator'),
        lte(postTargets.initStartedAt, issued),
      ),
    )
    .orderBy(asc(postTargets.initStartedAt))
    .limit(1)
    .for('update', { of: postTargets });
  if (!orphan) return null;
  return updateTarget(tx, orphan.target, {
    publishId,
    stage: 'processing',
    processingSince: orphan.target.initStartedAt,
  });
}

function handler(
  apply: (tx: Db, target: PostTarget, content: z.output<typeof contentSchema>) => Promise<string>,
): WebhookEventHandler {
  return async (tx, event) => {
    const parsed = contentSchema.safeParse(event.content);
    if (!parsed.success) return { status: 'ignored', note: 'The event names no publish_id.' };
    const target = await findTarget(tx, event, parsed.data.publish_id);
    if (!target) return { status: 'ignored', note: 'Not a post Tokdesk published (unknown publish_id).' };
    return { status: 'processed', note: await apply(tx, target, parsed.data) };
  };
}

export const publishingWebhookHandlers: WebhookEventHandlers = {
  'post.publish.complete': handler(async (tx, target) => {
    if (target.stage === 'published') return 'Already published.';
    await updateTarget(tx, target, {
      stage: 'published',
      tiktokStatus: 'PUBLISH_COMPLETE',
      finishedAt: now(),
      uploadedBytes: target.videoSize ?? target.uploadedBytes,
    });
    return 'Published.';
  }),
  'post.publish.inbox_delivered': handler(async (tx, target) => {
    if (isFinalStage(target.stage)) return `Already ${target.stage}.`;
    await updateTarget(tx, target, {
      stage: 'inbox',
      tiktokStatus: 'SEND_TO_USER_INBOX',
      finishedAt: now(),
      uploadedBytes: target.videoSize ?? target.uploadedBytes,
    });
    return 'In the creator’s TikTok inbox.';
  }),
  'post.publish.failed': handler(async (tx, target, content) => {
    const reason = content.reason ?? 'internal';
    if (isFinalStage(target.stage)) return `Already ${target.stage}.`;
    // A transient failure is retried by the target's job at its next look (status/fetch says FAILED).
    if (retriesAutomatically(reason)) {
      await updateTarget(tx, target, { tiktokStatus: 'FAILED', failReason: reason });
      return `Failed (${reason}); will be retried.`;
    }
    await failTarget(tx, target, reason);
    return `Failed: ${reason}.`;
  }),
  'post.publish.publicly_available': handler(async (tx, target, content) => {
    const postIds =
      content.post_id && !target.postIds.includes(content.post_id)
        ? [...target.postIds, content.post_id]
        : target.postIds;
    await updateTarget(tx, target, {
      postIds,
      ...(isFinalStage(target.stage) ? {} : { stage: 'published', finishedAt: now() }),
    });
    return 'Publicly available.';
  }),
  'post.publish.no_longer_publicaly_available': handler(async (tx, target, content) => {
    await updateTarget(tx, target, { postIds: target.postIds.filter((id) => id !== content.post_id) });
    return 'No longer publicly available.';
  }),
};
