'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useRenderedWorkspaceId } from '@/components/workspace/workspace-id-field';

/** Cancel a scheduled post before it starts, or delete a Tokdesk draft. */
export function CancelPostButton({ postId, draft }: { postId: string; draft: boolean }) {
  const workspaceId = useRenderedWorkspaceId();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      <Button
        type="button"
        size="sm"
        variant="ghost"
        onClick={async () => {
          setError(null);
          const response = await fetch(`/api/publishing/posts/${encodeURIComponent(postId)}/cancel`, {
            method: 'POST',
            headers: { 'x-workspace-id': workspaceId },
          }).catch(() => null);
          if (!response?.ok) {
            const body = (await response?.json().catch(() => null)) as {
              error?: { message?: string };
            } | null;
            setError(body?.error?.message ?? 'That did not work. Try again.');
          }
          router.refresh();
        }}
      >
        {draft ? 'Delete draft' : 'Cancel'}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-destructive-text">
          {error}
        </span>
      ) : null}
    </span>
  );
}
