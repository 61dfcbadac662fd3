'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { signInAction } from './sign-in-action';

export function SignInForm({ callbackUrl, email }: { callbackUrl?: string; email?: string }) {
  const [result, formAction] = useActionState(signInAction, null);
  // Controlled so a failed attempt (React resets uncontrolled fields after an action) keeps the e-mail.
  const [emailValue, setEmailValue] = useState(email ?? '');
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const signUpHref = callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-up';
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <FormMessage result={result} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <Field
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        value={emailValue}
        onChange={(event) => setEmailValue(event.target.value)}
        required
        errors={fieldErrors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors?.password}
      />
      <SubmitButton className="w-full" pendingText="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        New to Tokdesk?{' '}
        <Link href={signUpHref} className="font-medium text-brand-700 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
