'use client';

import { formatDistanceToNowStrict } from 'date-fns';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { describeWindow, REPLY_WINDOW_MS } from '@/lib/inbox/reply-rules';
import { cn } from '@/lib/utils/cn';
import type { ConversationRow } from './inbox-api';

export type ConversationListProps = {
  conversations: ConversationRow[];
  selectedId: string | null;
  activeIndex: number;
  onOpen: (id: string) => void;
};

/** The middle pane: newest activity first, unread badge, preview, time, assignee and window left. */
export function ConversationList({ conversations, selectedId, activeIndex, onOpen }: ConversationListProps) {
  const now = Date.now();
  return (
    <ul className="flex flex-col" aria-label="Conversations">
      {conversations.map((conversation, index) => {
        const closesAt = conversation.lastInboundAt
          ? new Date(conversation.lastInboundAt).getTime() + REPLY_WINDOW_MS
          : null;
        const open = closesAt !== null && closesAt > now;
        return (
          <li key={conversation.id}>
            <button
              type="button"
              onClick={() => onOpen(conversation.id)}
              aria-current={conversation.id === selectedId ? 'true' : undefined}
              data-active={index === activeIndex ? 'true' : undefined}
              data-testid="conversation-item"
              data-id={conversation.id}
              className={cn(
                'flex w-full gap-3 border-b px-3 py-3 text-left hover:bg-accent focus-visible:outline-2',
                conversation.id === selectedId && 'bg-accent',
                index === activeIndex && 'ring-2 ring-inset ring-ring',
              )}
            >
              <Avatar
                name={conversation.customerName ?? '?'}
                src={conversation.customerAvatarUrl}
                size="sm"
              />
              <span className="min-w-0 flex-1">
                <span className="flex items-center gap-2">
                  <span
                    className={cn(
                      'truncate text-sm',
                      conversation.unreadCount > 0 ? 'font-semibold' : 'font-medium',
                    )}
                  >
                    {conversation.customerName ?? 'TikTok user'}
                  </span>
                  <span className="ml-auto shrink-0 text-xs text-muted-foreground">
                    {formatDistanceToNowStrict(new Date(conversation.lastMessageAt), { addSuffix: false })}
                  </span>
                </span>
                <span className="flex items-center gap-2">
                  <span className="truncate text-xs text-muted-foreground">
                    {conversation.lastMessageDirection === 'outbound' ? 'You: ' : ''}
                    {conversation.lastMessagePreview ?? ''}
                  </span>
                  {conversation.unreadCount > 0 ? (
                    <Badge
                      variant="count"
                      className="ml-auto"
                      aria-label={`${conversation.unreadCount} unread`}
                    >
                      {conversation.unreadCount}
                    </Badge>
                  ) : null}
                </span>
                <span className="mt-1 flex flex-wrap gap-1 text-xs text-muted-foreground">
                  <span>{conversation.assigneeName ?? 'Unassigned'}</span>
                  <span aria-hidden>·</span>
                  <span className={open ? undefined : 'text-warning-text'}>
                    {closesAt === null
                      ? 'no reply window'
                      : open
                        ? describeWindow(closesAt, now)
                        : 'window closed'}
                  </span>
                  {conversation.accountName ? (
                    <>
                      <span aria-hidden>·</span>
                      <span className="truncate">{conversation.accountName}</span>
                    </>
                  ) : null}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
