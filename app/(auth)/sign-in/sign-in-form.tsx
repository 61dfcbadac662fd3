'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { submittedValue } from '@/lib/actions/action-result';
import { signInAction } from './sign-in-action';

export type SignInFormProps = { callbackUrl?: string; email?: string; notice?: string };

export function SignInForm({ callbackUrl, email, notice }: SignInFormProps) {
  const [result, formAction] = useActionState(signInAction, null);
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const signUpHref = callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-up';
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Sign in</h1>
      {notice && !result ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      <FormMessage result={result} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <Field
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={submittedValue(result, 'email', email)}
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
      <div className="text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
          Forgot password?
        </Link>
      </div>
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
