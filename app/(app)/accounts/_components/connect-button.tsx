'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { startConnectionAction } from '../_actions/start-connection-action';

export type ConnectButtonProps = {
  kind: 'creator' | 'business' | 'ads';
  label: string;
  variant?: 'primary' | 'secondary';
  size?: 'sm' | 'md';
  className?: string;
};

/** POSTs to start an OAuth attempt; the action answers with a redirect to TikTok's consent page. */
export function ConnectButton({
  kind,
  label,
  variant = 'primary',
  size = 'md',
  className,
}: ConnectButtonProps) {
  const [result, action] = useActionState(startConnectionAction, null);
  return (
    <form action={action} className={className ?? 'inline-flex flex-col items-start gap-1'}>
      <WorkspaceIdField />
      <input type="hidden" name="kind" value={kind} />
      <SubmitButton variant={variant} size={size} pendingText="Opening TikTok…" className="w-full">
        {label}
      </SubmitButton>
      {result && !result.ok ? (
        <p role="alert" className="text-xs text-destructive-text">
          {result.error}
        </p>
      ) : null}
    </form>
  );
}
