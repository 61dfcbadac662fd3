'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { confirmEmailAction } from './confirm-email-action';

/**
 * A button rather than confirming on page load: mail scanners open links by themselves, and a
 * confirmation must come from the person who reads the e-mail.
 */
export function ConfirmEmailForm({ token, next }: { token: string; next?: string }) {
  const [result, formAction] = useActionState(confirmEmailAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage result={result} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="next" value={next ?? ''} />
      <SubmitButton className="w-full" pendingText="Confirming…">
        Confirm my e-mail address
      </SubmitButton>
    </form>
  );
}
