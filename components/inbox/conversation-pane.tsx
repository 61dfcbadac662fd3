'use client';

import { ArrowLeft, CheckCircle2, RotateCcw, UserRound } from 'lucide-react';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { useLiveEvent } from '@/components/live/live-feed-provider';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Skeleton } from '@/components/ui/skeleton';
import { Composer } from './composer';
import type { ConversationDetail, InboxApi, SavedReply, ThreadMessage } from './inbox-api';
import { MessageBubble } from './message-bubble';

export type Member = { userId: string; name: string };

const DAY = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const REPLYING_TTL_MS = 7000;

export type ConversationPaneProps = {
  api: InboxApi;
  workspaceId: string;
  conversationId: string;
  currentUserId: string;
  members: Member[];
  savedReplies: SavedReply[];
  /** Bumped by the inbox when a live event concerns this conversation. */
  refreshKey: number;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  onBack: () => void;
  onChanged: () => void;
};

/** The thread: header with assignee and resolve, messages scrolling upward, and the composer. */
export function ConversationPane(props: ConversationPaneProps) {
  const { api, conversationId, currentUserId, members, refreshKey, onChanged } = props;
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [messages, setMessages] = useState<ThreadMessage[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replying, setReplying] = useState<{ name: string; until: number } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const load = useCallback(async () => {
    try {
      const [{ conversation }, page] = await Promise.all([
        api.conversation(conversationId),
        api.messages(conversationId),
      ]);
      setDetail(conversation);
      // Keep older pages already loaded: merge the newest page in by id.
      setMessages((previous) => {
        const oldestOfPage = page.messages[0]?.timestampMs ?? 0;
        const byId = new Map(previous.filter((m) => m.timestampMs < oldestOfPage).map((m) => [m.id, m]));
        for (const m of page.messages) byId.set(m.id, m);
        return [...byId.values()].sort((a, b) => a.timestampMs - b.timestampMs || a.id.localeCompare(b.id));
      });
      setOlderCursor((current) => current ?? page.olderCursor);
      setError(null);
      if (conversation.unreadCount > 0) api.read(conversationId).then(onChanged, () => {});
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'This conversation could not be loaded.');
    }
  }, [api, conversationId, onChanged]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a new conversation or a live change.
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  useEffect(() => {
    setMessages([]);
    setOlderCursor(null);
    setDetail(null);
    stickToBottom.current = true;
  }, []);

  useEffect(() => {
    const element = scroller.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, []);

  useLiveEvent(['inbox.replying'], (event) => {
    if (!event || event.data.conversationId !== conversationId || event.data.userId === currentUserId) return;
    setReplying({ name: event.data.userName, until: Date.now() + REPLYING_TTL_MS });
  });
  useEffect(() => {
    if (!replying) return;
    const timer = setTimeout(() => setReplying(null), Math.max(0, replying.until - Date.now()));
    return () => clearTimeout(timer);
  }, [replying]);

  async function loadOlder() {
    if (!olderCursor) return;
    const element = scroller.current;
    const before = element ? element.scrollHeight - element.scrollTop : 0;
    const page = await api.messages(conversationId, olderCursor);
    stickToBottom.current = false;
    setMessages((previous) => [...page.messages, ...previous]);
    setOlderCursor(page.olderCursor);
    requestAnimationFrame(() => {
      if (element) element.scrollTop = element.scrollHeight - before;
    });
  }

  async function update(body: { assigneeId?: string | null; status?: 'open' | 'resolved' }) {
    try {
      await api.update(conversationId, body);
      await load();
      onChanged();
    } catch (caught) {
      toast.error(caught instanceof Error ? caught.message : 'The change was not saved.');
    }
  }

  async function retry(messageId: string) {
    try {
      await api.retry(conversationId, messageId);
      await load();
    } catch (caught) {
      toast.error(caught instanceof Error ? caught.message : 'Retry failed.');
    }
  }

  if (error) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-2 p-6 text-center" role="alert">
        <p className="text-sm">{error}</p>
        <Button size="sm" variant="secondary" onClick={() => void load()}>
          Try again
        </Button>
      </div>
    );
  }
  if (!detail) {
    return (
      <div
        className="flex flex-1 flex-col gap-3 p-4"
        role="status"
        aria-busy="true"
        aria-label="Loading the conversation"
      >
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-16 w-2/3" />
        <Skeleton className="ml-auto h-16 w-1/2" />
      </div>
    );
  }

  return (
    <section
      className="flex min-h-0 flex-1 flex-col"
      aria-label={`Conversation with ${detail.customerName ?? 'customer'}`}
    >
      <header className="flex flex-wrap items-center gap-2 border-b p-3">
        <Button
          size="icon"
          variant="ghost"
          className="md:hidden"
          onClick={props.onBack}
          aria-label="Back to the list"
        >
          <ArrowLeft aria-hidden />
        </Button>
        <Avatar name={detail.customerName ?? '?'} src={detail.customerAvatarUrl} size="sm" />
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-medium" data-testid="thread-title">
            {detail.customerName ?? 'TikTok user'}
          </h2>
          <p className="truncate text-xs text-muted-foreground">via {detail.accountName}</p>
        </div>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button size="sm" variant="secondary" aria-label="Assign the conversation">
              <UserRound aria-hidden /> {detail.assigneeName ?? 'Unassigned'}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem onSelect={() => void update({ assigneeId: currentUserId })}>
              Assign to me
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            {members.map((member) => (
              <DropdownMenuItem
                key={member.userId}
                onSelect={() => void update({ assigneeId: member.userId })}
              >
                {member.name}
              </DropdownMenuItem>
            ))}
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => void update({ assigneeId: null })}>Unassign</DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
        {detail.status === 'open' ? (
          <Button size="sm" variant="secondary" onClick={() => void update({ status: 'resolved' })}>
            <CheckCircle2 aria-hidden /> Resolve
          </Button>
        ) : (
          <Button size="sm" variant="secondary" onClick={() => void update({ status: 'open' })}>
            <RotateCcw aria-hidden /> Reopen
          </Button>
        )}
      </header>
      <div
        ref={scroller}
        className="min-h-0 flex-1 overflow-y-auto p-4"
        onScroll={(event) => {
          const element = event.currentTarget;
          stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
          if (element.scrollTop < 40 && olderCursor) void loadOlder();
        }}
      >
        {olderCursor ? (
          <div className="mb-3 text-center">
            <Button size="sm" variant="ghost" onClick={() => void loadOlder()}>
              Load older messages
            </Button>
          </div>
        ) : null}
        <ol className="flex flex-col gap-3" aria-label="Messages">
          {messages.map((message, index) => {
            const day = DAY.format(new Date(message.timestampMs));
            const previous = messages[index - 1];
            const newDay = !previous || DAY.format(new Date(previous.timestampMs)) !== day;
            return (
              <DayAware key={message.id} day={newDay ? day : null}>
                <MessageBubble message={message} onRetry={(id) => void retry(id)} />
              </DayAware>
            );
          })}
        </ol>
      </div>
      <p
        className="h-5 px-4 text-xs text-muted-foreground"
        aria-live="polite"
        data-testid="replying-indicator"
      >
        {replying ? `${replying.name} is replying…` : ''}
      </p>
      <Composer
        api={api}
        workspaceId={props.workspaceId}
        conversation={detail}
        savedReplies={props.savedReplies}
        textareaRef={props.composerRef}
        onSent={() => {
          stickToBottom.current = true;
          void load();
        }}
      />
    </section>
  );
}

function DayAware({ day, children }: { day: string | null; children: React.ReactNode }) {
  return (
    <>
      {day ? (
        <li className="my-2 flex items-center gap-3 text-xs text-muted-foreground" aria-hidden="false">
          <span className="h-px flex-1 bg-border" />
          {day}
          <span className="h-px flex-1 bg-border" />
        </li>
      ) : null}
      {children}
    </>
  );
}
