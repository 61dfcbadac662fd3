'use client';

import { ImagePlus, Lock, Send, X } from 'lucide-react';
import { type KeyboardEvent, type RefObject, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { CharacterCount, Textarea } from '@/components/ui/textarea';
import { useUpload } from '@/components/uploads/use-upload';
import {
  countTextChars,
  describeWindow,
  IMAGE_TYPES,
  MAX_IMAGE_BYTES,
  MAX_TEXT_CHARS,
  MESSAGE_BUDGET,
  REPLY_POLICY_URL,
} from '@/lib/inbox/reply-rules';
import { cn } from '@/lib/utils/cn';
import type { ConversationDetail, InboxApi, SavedReply } from './inbox-api';

const BEAT_MS = 3000;

export type ComposerProps = {
  api: InboxApi;
  workspaceId: string;
  conversation: ConversationDetail;
  savedReplies: SavedReply[];
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onSent: () => void;
};

/**
 * Reply or private note. Shows TikTok's limits before a send fails: characters as TikTok counts
 * them, time left in the 48-hour window and messages left before the customer answers; past them
 * it is disabled with the reason. Text and an image go out as two messages, text first.
 */
export function Composer({
  api,
  workspaceId,
  conversation,
  savedReplies,
  textareaRef,
  onSent,
}: ComposerProps) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastBeat = useRef(0);
  const upload = useUpload({ purpose: 'dm_image', workspaceId });
  const fileInput = useRef<HTMLInputElement>(null);
  const { reply } = conversation;
  const count = countTextChars(text);
  const image = upload.status === 'done' ? upload.media : null;
  const parts = (text.trim() ? 1 : 0) + (image ? 1 : 0);
  const replyBlocked = mode === 'reply' && !reply.canReply;
  const suggestions =
    text.startsWith('/') && !text.includes(' ')
      ? savedReplies.filter((saved) => saved.shortcut.startsWith(text.slice(1).toLowerCase())).slice(0, 6)
      : [];

  const canSend =
    !busy &&
    (mode === 'note'
      ? text.trim().length > 0
      : reply.canReply &&
        parts > 0 &&
        count <= MAX_TEXT_CHARS &&
        parts <= reply.messagesLeft &&
        upload.status !== 'uploading');

  function changed(value: string) {
    setText(value);
    setError(null);
    if (mode === 'reply' && value && Date.now() - lastBeat.current > BEAT_MS) {
      lastBeat.current = Date.now();
      api.replying(conversation.id).catch(() => {});
    }
  }

  async function submit() {
    if (!canSend) return;
    setBusy(true);
    setError(null);
    try {
      if (mode === 'note') {
        await api.note(conversation.id, text);
      } else {
        await api.send(conversation.id, { text: text.trim() ? text : null, imageMediaId: image?.id ?? null });
        upload.reset();
      }
      setText('');
      onSent();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Sending failed.');
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0 && (event.key === 'Tab' || event.key === 'Enter')) {
      event.preventDefault();
      setText(suggestions[0]!.body);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
    if (event.key === 'Escape') event.currentTarget.blur();
  }

  function pickImage(file: File | undefined) {
    if (!file) return;
    if (!(IMAGE_TYPES as readonly string[]).includes(file.type))
      return toast.error('TikTok accepts JPEG or PNG images only.');
    if (file.size > MAX_IMAGE_BYTES) return toast.error('Images sent on TikTok can be at most 3 MB.');
    void upload.start(file);
  }

  return (
    <div className="border-t bg-card p-3">
      <div className="mb-2 flex items-center gap-1" role="tablist" aria-label="Composer mode">
        {(['reply', 'note'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={mode === value}
            onClick={() => setMode(value)}
            className={cn(
              'rounded-md px-2 py-1 text-xs font-medium',
              mode === value ? 'bg-accent text-accent-foreground' : 'text-muted-foreground hover:bg-accent',
            )}
          >
            {value === 'reply' ? 'Reply' : 'Private note'}
          </button>
        ))}
        {mode === 'reply' && reply.canReply ? (
          <p className="ml-auto text-xs text-muted-foreground" data-testid="reply-state">
            {reply.windowClosesAt ? describeWindow(reply.windowClosesAt, Date.now()) : null} ·{' '}
            {reply.messagesLeft} of {MESSAGE_BUDGET} messages left
          </p>
        ) : null}
      </div>
      {replyBlocked ? (
        <div
          className="mb-2 rounded-md border bg-muted p-2 text-sm"
          role="status"
          data-testid="reply-blocked"
        >
          {reply.reason}{' '}
          <a
            href={REPLY_POLICY_URL}
            target="_blank"
            rel="noreferrer noopener"
            className="text-brand-text underline"
          >
            TikTok’s messaging policy
          </a>
          . You can still leave a private note.
        </div>
      ) : null}
      {suggestions.length > 0 ? (
        <ul className="mb-2 rounded-md border bg-popover p-1 text-sm" aria-label="Saved replies">
          {suggestions.map((saved) => (
            <li key={saved.id}>
              <button
                type="button"
                className="w-full rounded px-2 py-1 text-left hover:bg-accent"
                onClick={() => setText(saved.body)}
              >
                <span className="font-medium">/{saved.shortcut}</span>{' '}
                <span className="text-muted-foreground">{saved.body.slice(0, 80)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {image || upload.status === 'uploading' ? (
        <div className="mb-2 flex items-center gap-2 text-sm">
          <span className="truncate">
            {upload.status === 'uploading' ? 'Uploading image…' : `Image: ${image?.fileName}`}
          </span>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => (upload.status === 'uploading' ? upload.cancel() : upload.reset())}
            aria-label="Remove the image"
          >
            <X aria-hidden />
          </Button>
        </div>
      ) : null}
      {upload.error ? <p className="mb-2 text-sm text-destructive-text">{upload.error}</p> : null}
      <label htmlFor="inbox-composer" className="sr-only">
        {mode === 'reply' ? 'Reply to the customer' : 'Private note for your team'}
      </label>
      <Textarea
        id="inbox-composer"
        ref={textareaRef}
        value={text}
        onChange={(event) => changed(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={replyBlocked}
        placeholder={
          mode === 'reply'
            ? 'Reply… (Enter sends, Shift+Enter for a new line, / for saved replies)'
            : 'Note for your team; the customer never sees it'
        }
        className={cn('max-h-60', mode === 'note' && 'border-warning-border bg-warning-subtle')}
      />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {mode === 'reply' && conversation.imageSend !== false && reply.canReply ? (
          <>
            <input
              ref={fileInput}
              type="file"
              accept="image/png,image/jpeg"
              className="sr-only"
              aria-label="Attach an image"
              data-testid="image-input"
              onChange={(event) => pickImage(event.target.files?.[0])}
            />
            <Button size="sm" variant="secondary" onClick={() => fileInput.current?.click()}>
              <ImagePlus aria-hidden /> Image
            </Button>
          </>
        ) : null}
        {mode === 'reply' ? <CharacterCount count={count} max={MAX_TEXT_CHARS} /> : null}
        {mode === 'reply' && parts === 2 ? (
          <p className="text-xs text-muted-foreground">
            TikTok takes text and an image as two messages: text first.
          </p>
        ) : null}
        <Button size="sm" className="ml-auto" disabled={!canSend} onClick={() => void submit()}>
          {mode === 'note' ? <Lock aria-hidden /> : <Send aria-hidden />}
          {mode === 'note' ? 'Add note' : parts === 2 ? 'Send 2 messages' : 'Send'}
        </Button>
      </div>
      {error ? (
        <p className="mt-2 text-sm text-destructive-text" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
