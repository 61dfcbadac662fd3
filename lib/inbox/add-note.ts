import 'server-only';
import { requireMembership } from '@/lib/access/require-membership';
import { inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { nowMs } from '@/lib/time/clock';
import { getConversationOrThrow } from './get-conversation-or-throw';

const MAX_NOTE_CHARS = 10_000;

/** A private note for teammates: shown in the thread, never sent to TikTok, outside the window rules. */
export async function addNote(
  db: Db,
  input: { workspaceId: string; userId: string; conversationId: string; text: string },
) {
  await requireMembership(db, { workspaceId: input.workspaceId, userId: input.userId });
  const text = input.text.trim();
  if (!text) throw new AppError({ code: 'bad_request', message: 'Write the note first.' });
  if (text.length > MAX_NOTE_CHARS)
    throw new AppError({
      code: 'unprocessable_entity',
      message: `Notes can be at most ${MAX_NOTE_CHARS} characters.`,
    });
  return db.transaction(async (tx) => {
    const conversation = await getConversationOrThrow(tx, input);
    const [note] = await tx
      .insert(inboxMessages)
      .values({
        workspaceId: input.workspaceId,
        conversationId: conversation.id,
        accountId: conversation.accountId,
        direction: 'note',
        type: 'text',
        text,
        sentByUserId: input.userId,
        tiktokTimestampMs: nowMs(),
      })
      .returning();
    await publishLiveEvent(tx, {
      workspaceId: input.workspaceId,
      type: 'inbox.message.created',
      data: { conversationId: conversation.id, messageId: note!.id, direction: 'note' },
    });
    return note!;
  });
}
