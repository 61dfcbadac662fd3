import 'server-only';
import type { WebhookEventHandlers } from '@/lib/webhooks/webhook-event-handler';
import { dmMessageContentSchema, dmReadContentSchema } from './dm-content';
import { markReadByCustomer } from './mark-read-by-customer';
import { receiveDm } from './receive-dm';
import { recordBusinessEcho } from './record-business-echo';

function workspaces(count: number) {
  return count === 1 ? 'one workspace' : `${count} workspaces`;
}

/** The inbox's `im_*` handlers (joined in lib/job-handlers). Each is idempotent. */
export const inboxWebhookHandlers: WebhookEventHandlers = {
  im_receive_msg: async (tx, event) => {
    const content = dmMessageContentSchema.safeParse(event.content);
    if (!event.userOpenId || !content.success)
      return { status: 'ignored', note: 'The event has no business id or no readable message.' };
    const { accounts, inserted } = await receiveDm(tx, event.userOpenId, content.data);
    if (accounts === 0)
      return { status: 'ignored', note: 'No workspace has this business account connected.' };
    return {
      status: 'processed',
      note: inserted === 0 ? 'Already stored (redelivery).' : `Message stored in ${workspaces(inserted)}.`,
    };
  },
  im_send_msg: async (tx, event) => {
    const content = dmMessageContentSchema.safeParse(event.content);
    if (!event.userOpenId || !content.success)
      return { status: 'ignored', note: 'The event has no business id or no readable message.' };
    const { accounts, stored } = await recordBusinessEcho(tx, event.userOpenId, content.data);
    if (accounts === 0)
      return { status: 'ignored', note: 'No workspace has this business account connected.' };
    return {
      status: 'processed',
      note:
        stored === 0
          ? 'Our own send confirmed, or already stored.'
          : `Message sent from the TikTok app stored in ${workspaces(stored)}.`,
    };
  },
  im_mark_read_msg: async (tx, event) => {
    const content = dmReadContentSchema.safeParse(event.content);
    if (!event.userOpenId || !content.success)
      return { status: 'ignored', note: 'The event has no business id or no read time.' };
    // The business reading its own chat says nothing about the customer.
    if (content.data.from_user?.id === event.userOpenId)
      return { status: 'ignored', note: 'Read by the business itself.' };
    const { conversations, messages } = await markReadByCustomer(tx, event.userOpenId, {
      conversationId: content.data.conversation_id,
      lastReadMs: content.data.read.last_read_timestamp,
    });
    if (conversations === 0) return { status: 'ignored', note: 'Unknown conversation.' };
    return { status: 'processed', note: `${messages} message(s) marked read.` };
  },
};
