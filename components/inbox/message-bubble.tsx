'use client';

import { AlertCircle, Check, CheckCheck, Clock, ExternalLink, Lock, Smartphone } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils/cn';
import type { ThreadMessage } from './inbox-api';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function Status({ message }: { message: ThreadMessage }) {
  if (message.direction !== 'outbound') return null;
  switch (message.status) {
    case 'sending':
      return (
        <span className="inline-flex items-center gap-1" data-status="sending">
          <Clock className="size-3" aria-hidden />
          {message.outcomeUnknown ? 'Waiting for TikTok' : 'Sending'}
        </span>
      );
    case 'sent':
      return (
        <span className="inline-flex items-center gap-1" data-status="sent">
          <Check className="size-3" aria-hidden /> Sent
        </span>
      );
    case 'read':
      return (
        <span className="inline-flex items-center gap-1 text-brand-text" data-status="read">
          <CheckCheck className="size-3" aria-hidden /> Read
        </span>
      );
    case 'failed':
      return (
        <span className="inline-flex items-center gap-1 text-destructive-text" data-status="failed">
          <AlertCircle className="size-3" aria-hidden /> Failed
        </span>
      );
    default:
      return null;
  }
}

function Body({ message }: { message: ThreadMessage }) {
  switch (message.type) {
    case 'text':
      return <p className="break-words whitespace-pre-wrap">{message.text}</p>;
    case 'image':
      return message.mediaId ? (
        // biome-ignore lint/performance/noImgElement: our own media route (auth-checked), not an optimisable asset.
        <img
          src={`/api/media/${message.mediaId}`}
          alt={message.direction === 'inbound' ? 'Image from the customer' : 'Image you sent'}
          className="max-h-72 max-w-full rounded-md"
          loading="lazy"
        />
      ) : (
        <p className="text-sm italic opacity-80">Image loading from TikTok…</p>
      );
    case 'share_post':
      return (
        <div className="w-64 max-w-full overflow-hidden rounded-md border bg-card text-card-foreground">
          <div className="flex aspect-video items-center justify-center bg-muted text-xs text-muted-foreground">
            TikTok post
          </div>
          <div className="p-2 text-sm">
            <p className="font-medium">Shared a TikTok post</p>
            {message.sharePostUrl ? (
              <a
                href={message.sharePostUrl}
                target="_blank"
                rel="noreferrer noopener"
                className="inline-flex items-center gap-1 text-brand-text underline-offset-4 hover:underline"
              >
                Open the post <ExternalLink className="size-3" aria-hidden />
              </a>
            ) : null}
          </div>
        </div>
      );
    default:
      return (
        <p className="text-sm italic">
          {message.type === 'sticker'
            ? 'Sticker'
            : `A ${message.tiktokType ?? 'message'} Tokdesk cannot show`}
          : open the conversation in the TikTok app to see it.
        </p>
      );
  }
}

/** One message of the thread: customer left, us right, private notes full-width in amber. */
export function MessageBubble({
  message,
  onRetry,
}: {
  message: ThreadMessage;
  onRetry: (id: string) => void;
}) {
  const time = TIME.format(new Date(message.timestampMs));
  if (message.direction === 'note') {
    return (
      <li
        className="rounded-md border border-warning-border bg-warning-subtle px-3 py-2 text-sm"
        data-kind="note"
      >
        <p className="mb-1 flex items-center gap-1 text-xs font-medium text-warning-text">
          <Lock className="size-3" aria-hidden /> Private note by {message.sentByName ?? 'a teammate'} ·{' '}
          {time}
        </p>
        <p className="break-words whitespace-pre-wrap text-foreground">{message.text}</p>
      </li>
    );
  }
  const inbound = message.direction === 'inbound';
  return (
    <li
      className={cn('flex flex-col gap-1', inbound ? 'items-start' : 'items-end')}
      data-kind={message.direction}
    >
      <div
        className={cn(
          'max-w-[85%] rounded-lg px-3 py-2 text-sm',
          inbound ? 'bg-muted text-foreground' : 'bg-primary text-primary-foreground',
          message.status === 'failed' && 'opacity-70',
        )}
      >
        <Body message={message} />
      </div>
      <p className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span>{time}</span>
        {message.sentFromTikTokApp ? (
          <span className="inline-flex items-center gap-1">
            <Smartphone className="size-3" aria-hidden /> TikTok app
          </span>
        ) : !inbound && message.sentByName ? (
          <span>{message.sentByName}</span>
        ) : null}
        <Status message={message} />
      </p>
      {message.status === 'failed' ? (
        <div className="flex max-w-[85%] flex-wrap items-center justify-end gap-2 text-xs text-destructive-text">
          <span>{message.failureReason ?? 'The message could not be sent.'}</span>
          <Button size="sm" variant="secondary" onClick={() => onRetry(message.id)}>
            Retry
          </Button>
        </div>
      ) : null}
    </li>
  );
}
