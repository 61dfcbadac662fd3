'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { submittedValue } from '@/lib/actions/action-result';
import { forgotPasswordAction } from './forgot-password-action';

export function ForgotPasswordForm({ email }: { email?: string }) {
  const [result, formAction] = useActionState(forgotPasswordAction, null);
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Forgot your password?</h1>
      <p className="text-sm text-slate-600">
        Enter the e-mail address of your account. We will send you a link to choose a new password.
      </p>
      <FormMessage result={result} />
      <Field
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={submittedValue(result, 'email', email)}
        errors={fieldErrors?.email}
      />
      <SubmitButton className="w-full" pendingText="Sending…">
        Send reset link
      </SubmitButton>
      <Link href="/sign-in" className="block text-center text-sm font-medium text-brand-700 hover:underline">
        Back to sign in
      </Link>
    </form>
  );
}
