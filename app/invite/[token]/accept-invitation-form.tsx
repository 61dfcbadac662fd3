'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { acceptInvitationAction } from './accept-invitation-action';

export function AcceptInvitationForm({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [result, formAction] = useActionState(acceptInvitationAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage result={result} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton className="w-full" pendingText="Joining…">
        Join {workspaceName}
      </SubmitButton>
    </form>
  );
}
