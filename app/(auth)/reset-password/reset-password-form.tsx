'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { resetPasswordAction } from './reset-password-action';

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [result, formAction] = useActionState(resetPasswordAction, null);
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Choose a new password</h1>
      <p className="text-sm text-slate-600">
        For <strong className="break-all">{email}</strong>. Every other session of this account will be signed
        out.
      </p>
      <FormMessage result={result} />
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        errors={fieldErrors?.password}
      />
      <Field
        label="New password again"
        name="passwordAgain"
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors?.passwordAgain}
      />
      <SubmitButton className="w-full" pendingText="Saving…">
        Save and sign in
      </SubmitButton>
    </form>
  );
}
