'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Kbd } from '@/components/ui/kbd';
import { Textarea } from '@/components/ui/textarea';
import type { InboxApi, SavedReply } from './inbox-api';

const SHORTCUTS: [string, string][] = [
  ['j / k', 'Next / previous conversation'],
  ['Enter', 'Open the highlighted conversation'],
  ['r', 'Reply (focus the composer)'],
  ['e', 'Resolve or reopen'],
  ['a', 'Assign to me'],
  ['/', 'Search'],
  ['Esc', 'Leave the text field'],
  ['?', 'This list'],
];

export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>Anywhere in the inbox, outside a text field.</DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt>
                <Kbd>{keys}</Kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}

/** Saved replies: the team's canned answers, inserted by typing `/shortcut` in the composer. */
export function SavedRepliesDialog({
  api,
  savedReplies,
  onChange,
}: {
  api: InboxApi;
  savedReplies: SavedReply[];
  onChange: (replies: SavedReply[]) => void;
}) {
  const [shortcut, setShortcut] = useState('');
  const [body, setBody] = useState('');
  async function add() {
    try {
      const { savedReply } = await api.createSavedReply(shortcut, body);
      onChange([...savedReplies, savedReply].sort((a, b) => a.shortcut.localeCompare(b.shortcut)));
      setShortcut('');
      setBody('');
    } catch (caught) {
      toast.error(caught instanceof Error ? caught.message : 'Not saved.');
    }
  }
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost">
          Saved replies
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Saved replies</DialogTitle>
          <DialogDescription>Type / and the shortcut in the composer to insert one.</DialogDescription>
        </DialogHeader>
        <ul className="flex max-h-60 flex-col gap-2 overflow-y-auto text-sm">
          {savedReplies.length === 0 ? <li className="text-muted-foreground">None yet.</li> : null}
          {savedReplies.map((saved) => (
            <li key={saved.id}>
              <span className="font-medium">/{saved.shortcut}</span>{' '}
              <span className="text-muted-foreground">{saved.body}</span>
            </li>
          ))}
        </ul>
        <form
          className="flex flex-col gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <label className="text-sm font-medium" htmlFor="saved-reply-shortcut">
            Shortcut
          </label>
          <Input
            id="saved-reply-shortcut"
            value={shortcut}
            onChange={(e) => setShortcut(e.target.value)}
            placeholder="thanks"
          />
          <label className="text-sm font-medium" htmlFor="saved-reply-body">
            Reply
          </label>
          <Textarea id="saved-reply-body" value={body} onChange={(e) => setBody(e.target.value)} />
          <Button type="submit" size="sm" disabled={!shortcut.trim() || !body.trim()}>
            Add saved reply
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
