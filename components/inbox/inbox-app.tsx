'use client';

import { Search } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveEvent } from '@/components/live/live-feed-provider';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import type { InboxFilter } from '@/lib/inbox/list-conversations';
import { cn } from '@/lib/utils/cn';
import { ConversationList } from './conversation-list';
import { ConversationPane, type Member } from './conversation-pane';
import { type ConversationRow, inboxApi, type SavedReply, type UnreadCounts } from './inbox-api';
import { SavedRepliesDialog, ShortcutsDialog } from './inbox-dialogs';

export type InboxAppProps = {
  workspaceId: string;
  currentUserId: string;
  members: Member[];
  accounts: { id: string; name: string }[];
};

const FILTERS: { value: InboxFilter; label: string }[] = [
  { value: 'mine', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'all', label: 'All' },
];

function isTyping(target: EventTarget | null) {
  const element = target as HTMLElement | null;
  return (
    !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
  );
}

/** The three-pane inbox: filters · conversation list · thread. Live, keyboard-first. */
export function InboxApp({ workspaceId, currentUserId, members, accounts }: InboxAppProps) {
  const api = useMemo(() => inboxApi(workspaceId), [workspaceId]);
  const [filter, setFilter] = useState<InboxFilter>('all');
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [account, setAccount] = useState('');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [conversations, setConversations] = useState<ConversationRow[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [counts, setCounts] = useState<UnreadCounts>({ all: 0, mine: 0, unassigned: 0 });
  const [refreshKey, setRefreshKey] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [savedReplies, setSavedReplies] = useState<SavedReply[]>([]);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadList = useCallback(async () => {
    try {
      const page = await api.list({ filter, status, account: account || undefined, q: search || undefined });
      setConversations(page.conversations);
      setNextCursor(page.nextCursor);
      setListError(null);
    } catch (caught) {
      setListError(caught instanceof Error ? caught.message : 'The conversations could not be loaded.');
    }
  }, [api, filter, status, account, search]);

  const loadCounts = useCallback(async () => {
    try {
      setCounts((await api.counts()).unread);
    } catch {
      // Counts are a convenience; the list shows errors.
    }
  }, [api]);

  useEffect(() => {
    setConversations(null);
    void loadList();
  }, [loadList]);
  useEffect(() => {
    void loadCounts();
    api.savedReplies().then(
      (body) => setSavedReplies(body.savedReplies),
      () => {},
    );
  }, [api, loadCounts]);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  useEffect(() => {
    document.title = counts.all > 0 ? `(${counts.all}) Inbox · Tokdesk` : 'Inbox · Tokdesk';
  }, [counts.all]);

  const changed = useCallback(() => {
    // Bursts of events (200 DMs a second) collapse into one reload.
    if (reloadTimer.current) return;
    reloadTimer.current = setTimeout(() => {
      reloadTimer.current = null;
      void loadList();
      void loadCounts();
    }, 150);
  }, [loadList, loadCounts]);

  useLiveEvent(['inbox.message.created', 'inbox.message.updated', 'inbox.conversation.updated'], (event) => {
    changed();
    if (!event) return setRefreshKey((key) => key + 1);
    if (event.data.conversationId === selectedId) setRefreshKey((key) => key + 1);
    if (event.type === 'inbox.message.created' && event.data.direction === 'inbound')
      setAnnouncement('New message received');
  });

  const open = useCallback((id: string) => {
    setSelectedId(id);
  }, []);

  const list = conversations ?? [];
  const active = list[Math.min(activeIndex, list.length - 1)];

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const key = event.key;
      if (key === 'j' || key === 'k') {
        event.preventDefault();
        const next = Math.max(0, Math.min(list.length - 1, activeIndex + (key === 'j' ? 1 : -1)));
        setActiveIndex(next);
        const row = list[next];
        if (row) setSelectedId(row.id);
      } else if (key === 'Enter' || key === 'o') {
        if (active) setSelectedId(active.id);
      } else if (key === 'r') {
        if (selectedId) {
          event.preventDefault();
          composerRef.current?.focus();
        }
      } else if (key === 'e' && selectedId) {
        event.preventDefault();
        const row = list.find((c) => c.id === selectedId);
        api
          .update(selectedId, {
            status: row?.status === 'resolved' || status === 'resolved' ? 'open' : 'resolved',
          })
          .then(
            () => {
              changed();
              setRefreshKey((k) => k + 1);
              setAnnouncement(status === 'resolved' ? 'Conversation reopened' : 'Conversation resolved');
            },
            () => {},
          );
      } else if (key === 'a' && selectedId) {
        event.preventDefault();
        api.update(selectedId, { assigneeId: currentUserId }).then(
          () => {
            changed();
            setRefreshKey((k) => k + 1);
            setAnnouncement('Assigned to you');
          },
          () => {},
        );
      } else if (key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (key === '?') {
        event.preventDefault();
        setShortcutsOpen(true);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list, activeIndex, active, selectedId, api, status, currentUserId, changed]);

  async function loadMore() {
    if (!nextCursor) return;
    const page = await api.list({
      filter,
      status,
      account: account || undefined,
      q: search || undefined,
      cursor: nextCursor,
    });
    setConversations((previous) => [...(previous ?? []), ...page.conversations]);
    setNextCursor(page.nextCursor);
  }

  const countFor = (value: InboxFilter) => counts[value];

  return (
    <div className="flex h-[calc(100dvh-10rem)] min-h-[32rem] overflow-hidden rounded-lg border bg-card lg:h-[calc(100dvh-8rem)]">
      <p className="sr-only" aria-live="polite" data-testid="inbox-announcer">
        {announcement}
      </p>
      <nav
        aria-label="Inbox filters"
        className={cn(
          'w-44 shrink-0 flex-col gap-4 border-r p-3',
          selectedId ? 'hidden xl:flex' : 'hidden md:flex',
        )}
      >
        <ul className="flex flex-col gap-1">
          {FILTERS.map((item) => (
            <li key={item.value}>
              <button
                type="button"
                onClick={() => setFilter(item.value)}
                aria-current={filter === item.value ? 'page' : undefined}
                className={cn(
                  'flex w-full items-center justify-between rounded-md px-2 py-1.5 text-sm',
                  filter === item.value ? 'bg-accent font-medium' : 'text-muted-foreground hover:bg-accent',
                )}
              >
                {item.label}
                {countFor(item.value) > 0 ? (
                  <span className="text-xs tabular-nums" data-testid={`unread-${item.value}`}>
                    {countFor(item.value)}
                    <span className="sr-only"> unread</span>
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-xs font-medium text-muted-foreground">Status</legend>
          {(['open', 'resolved'] as const).map((value) => (
            <button
              key={value}
              type="button"
              onClick={() => setStatus(value)}
              aria-pressed={status === value}
              className={cn(
                'rounded-md px-2 py-1.5 text-left text-sm capitalize',
                status === value ? 'bg-accent font-medium' : 'text-muted-foreground hover:bg-accent',
              )}
            >
              {value}
            </button>
          ))}
        </fieldset>
        {accounts.length > 1 ? (
          <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
            Account
            <select
              value={account}
              onChange={(event) => setAccount(event.target.value)}
              className="rounded-md border bg-card px-2 py-1 text-sm text-foreground"
            >
              <option value="">All accounts</option>
              {accounts.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className="mt-auto flex flex-col gap-1">
          <SavedRepliesDialog api={api} savedReplies={savedReplies} onChange={setSavedReplies} />
          <Button size="sm" variant="ghost" onClick={() => setShortcutsOpen(true)}>
            Keyboard shortcuts
          </Button>
        </div>
      </nav>
      <div
        className={cn('w-full flex-col border-r md:w-80 md:shrink-0', selectedId ? 'hidden md:flex' : 'flex')}
      >
        <div className="flex flex-col gap-2 border-b p-2">
          <div className="relative">
            <Search
              className="pointer-events-none absolute top-2.5 left-2 size-4 text-muted-foreground"
              aria-hidden
            />
            <Input
              ref={searchRef}
              type="search"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              onKeyDown={(event) => event.key === 'Escape' && event.currentTarget.blur()}
              placeholder="Search customers and messages"
              aria-label="Search customers and messages"
              className="pl-8"
            />
          </div>
          <div className="flex gap-1 md:hidden">
            {FILTERS.map((item) => (
              <Button
                key={item.value}
                size="sm"
                variant={filter === item.value ? 'secondary' : 'ghost'}
                onClick={() => setFilter(item.value)}
              >
                {item.label}
                {countFor(item.value) > 0 ? ` (${countFor(item.value)})` : ''}
              </Button>
            ))}
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setStatus(status === 'open' ? 'resolved' : 'open')}
            >
              {status === 'open' ? 'Open' : 'Resolved'}
            </Button>
          </div>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto">
          {listError ? (
            <div className="p-4 text-sm" role="alert">
              {listError}{' '}
              <Button size="sm" variant="link" onClick={() => void loadList()}>
                Try again
              </Button>
            </div>
          ) : conversations === null ? (
            <div
              className="flex flex-col gap-3 p-3"
              role="status"
              aria-busy="true"
              aria-label="Loading conversations"
            >
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} className="h-14 w-full" />
              ))}
            </div>
          ) : list.length === 0 ? (
            <p className="p-4 text-sm text-muted-foreground" data-testid="list-empty">
              {search
                ? 'No conversation matches your search.'
                : status === 'resolved'
                  ? 'No resolved conversations.'
                  : filter === 'mine'
                    ? 'Nothing assigned to you. Pick one from All or Unassigned.'
                    : 'No open conversations. New DMs appear here as customers write.'}
            </p>
          ) : (
            <>
              <ConversationList
                conversations={list}
                selectedId={selectedId}
                activeIndex={activeIndex}
                onOpen={(id) => {
                  setActiveIndex(list.findIndex((c) => c.id === id));
                  open(id);
                }}
              />
              {nextCursor ? (
                <div className="p-2 text-center">
                  <Button size="sm" variant="ghost" onClick={() => void loadMore()}>
                    Load more
                  </Button>
                </div>
              ) : null}
            </>
          )}
        </div>
      </div>
      <div className={cn('min-w-0 flex-1 flex-col', selectedId ? 'flex' : 'hidden md:flex')}>
        {selectedId ? (
          <ConversationPane
            key={selectedId}
            api={api}
            workspaceId={workspaceId}
            conversationId={selectedId}
            currentUserId={currentUserId}
            members={members}
            savedReplies={savedReplies}
            refreshKey={refreshKey}
            composerRef={composerRef}
            onBack={() => setSelectedId(null)}
            onChanged={changed}
          />
        ) : (
          <div className="flex flex-1 items-center justify-center p-6 text-center text-sm text-muted-foreground">
            <p>
              Pick a conversation, or press <kbd className="rounded border px-1">j</kbd> to start.{' '}
              <kbd className="rounded border px-1">?</kbd> lists every shortcut.
            </p>
          </div>
        )}
      </div>
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
    </div>
  );
}
