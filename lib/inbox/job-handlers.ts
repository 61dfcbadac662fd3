import 'server-only';
import { handleJob } from '@/lib/jobs/define-job';
import { getStorage } from '@/lib/storage/get-storage';
import { backfillConversations } from './backfill-conversations';
import { checkConversationCapabilities } from './check-conversation-capabilities';
import { confirmSend } from './confirm-send';
import { downloadDmMedia } from './download-dm-media';
import {
  backfillConversationsJob,
  checkConversationCapabilitiesJob,
  confirmSendJob,
  downloadDmMediaJob,
  sendMessagesJob,
} from './jobs';
import { markSendFailed } from './mark-send-failed';
import { describeSendError, sendPendingMessages } from './send-pending-messages';

/** The inbox's jobs, for the runner registry (lib/job-handlers). */
export const inboxJobHandlers = [
  handleJob(
    sendMessagesJob,
    (payload, ctx) =>
      sendPendingMessages(ctx.db, payload, {
        storage: getStorage(),
        attempt: ctx.attempt,
        maxAttempts: ctx.maxAttempts,
        signal: ctx.signal,
      }),
    {
      onDead: async (payload, { db, error }) => {
        for (const id of payload.messageIds)
          await markSendFailed(db, id, describeSendError(new Error(error)));
      },
    },
  ),
  handleJob(confirmSendJob, (payload, ctx) => confirmSend(ctx.db, payload.messageId)),
  handleJob(downloadDmMediaJob, (payload, ctx) =>
    downloadDmMedia(ctx.db, getStorage(), { messageId: payload.messageId, signal: ctx.signal }),
  ),
  handleJob(backfillConversationsJob, (payload, ctx) => backfillConversations(ctx.db, payload.accountId)),
  handleJob(checkConversationCapabilitiesJob, (payload, ctx) =>
    checkConversationCapabilities(ctx.db, payload.conversationId),
  ),
];
