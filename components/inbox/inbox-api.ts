'use client';

import type { InboxFilter } from '@/lib/inbox/list-conversations';
import type { ReplyState } from '@/lib/inbox/reply-rules';

export type ConversationRow = {
  id: string;
  accountId: string;
  accountName: string | null;
  customerName: string | null;
  customerAvatarUrl: string | null;
  lastMessageAt: string;
  lastInboundAt: string | null;
  lastMessagePreview: string | null;
  lastMessageDirection: 'inbound' | 'outbound' | 'note' | null;
  unreadCount: number;
  status: 'open' | 'resolved';
  assigneeId: string | null;
  assigneeName: string | null;
};

export type ConversationDetail = {
  id: string;
  customerName: string | null;
  customerAvatarUrl: string | null;
  status: 'open' | 'resolved';
  assigneeId: string | null;
  assigneeName: string | null;
  imageSend: boolean | null;
  unreadCount: number;
  accountName: string;
  accountUsername: string | null;
  nowMs: number;
  reply: ReplyState;
};

export type ThreadMessage = {
  id: string;
  direction: 'inbound' | 'outbound' | 'note';
  type: 'text' | 'image' | 'share_post' | 'sticker' | 'unsupported';
  text: string | null;
  mediaId: string | null;
  sharePostUrl: string | null;
  tiktokType: string | null;
  status: 'sending' | 'sent' | 'read' | 'failed' | null;
  failureReason: string | null;
  outcomeUnknown: boolean;
  sentByUserId: string | null;
  sentByName: string | null;
  timestampMs: number;
  sentFromTikTokApp: boolean;
};

export type UnreadCounts = { all: number; mine: number; unassigned: number };
export type SavedReply = { id: string; shortcut: string; body: string };

export class InboxApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** JSON calls to the workspace's inbox routes; errors carry the server's sentence. */
export function inboxApi(workspaceId: string) {
  const base = `/api/workspaces/${encodeURIComponent(workspaceId)}/inbox`;
  async function call<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: init?.json !== undefined ? { 'content-type': 'application/json' } : undefined,
      body: init?.json !== undefined ? JSON.stringify(init.json) : undefined,
      cache: 'no-store',
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new InboxApiError(
        body?.error?.message ?? `The request failed (${response.status}).`,
        response.status,
      );
    }
    return response.status === 204 || response.status === 202
      ? (undefined as T)
      : ((await response.json()) as T);
  }
  return {
    list: (params: {
      filter: InboxFilter;
      status: 'open' | 'resolved';
      account?: string;
      q?: string;
      cursor?: string;
    }) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
      return call<{ conversations: ConversationRow[]; nextCursor: string | null }>(`/conversations?${query}`);
    },
    counts: () => call<{ unread: UnreadCounts }>('/counts'),
    conversation: (id: string) => call<{ conversation: ConversationDetail }>(`/conversations/${id}`),
    messages: (id: string, before?: string | null) =>
      call<{ messages: ThreadMessage[]; olderCursor: string | null }>(
        `/conversations/${id}/messages${before ? `?before=${encodeURIComponent(before)}` : ''}`,
      ),
    send: (id: string, body: { text?: string | null; imageMediaId?: string | null }) =>
      call<{ messages: { id: string }[] }>(`/conversations/${id}/messages`, { method: 'POST', json: body }),
    retry: (id: string, messageId: string) =>
      call<void>(`/conversations/${id}/messages/${messageId}/retry`, { method: 'POST' }),
    note: (id: string, text: string) =>
      call<void>(`/conversations/${id}/notes`, { method: 'POST', json: { text } }),
    update: (id: string, body: { assigneeId?: string | null; status?: 'open' | 'resolved' }) =>
      call<void>(`/conversations/${id}`, { method: 'PATCH', json: body }),
    read: (id: string) => call<void>(`/conversations/${id}/read`, { method: 'POST' }),
    replying: (id: string) => call<void>(`/conversations/${id}/replying`, { method: 'POST' }),
    savedReplies: () => call<{ savedReplies: SavedReply[] }>('/saved-replies'),
    createSavedReply: (shortcut: string, body: string) =>
      call<{ savedReply: SavedReply }>('/saved-replies', { method: 'POST', json: { shortcut, body } }),
  };
}

export type InboxApi = ReturnType<typeof inboxApi>;
