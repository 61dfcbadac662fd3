'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { TimeZoneField } from '@/components/time/time-zone-field';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { submittedValue } from '@/lib/actions/action-result';
import { signUpAction } from './sign-up-action';

export type SignUpInvitation = { token: string; email: string; workspaceName: string; role: string };

export function SignUpForm({ invitation }: { invitation?: SignUpInvitation }) {
  const [result, formAction] = useActionState(signUpAction, null);
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Create your account</h1>
      {invitation ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
          You are joining <strong>{invitation.workspaceName}</strong> as {invitation.role}.
        </p>
      ) : null}
      <FormMessage result={result} />
      <input type="hidden" name="invitationToken" value={invitation?.token ?? ''} />
      <Field
        label="Your name"
        name="name"
        autoComplete="name"
        required
        defaultValue={submittedValue(result, 'name')}
        errors={fieldErrors?.name}
      />
      <Field
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={submittedValue(result, 'email', invitation?.email)}
        readOnly={Boolean(invitation)}
        errors={fieldErrors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        errors={fieldErrors?.password}
      />
      {invitation ? null : (
        <Field
          label="Workspace name"
          name="workspaceName"
          placeholder="Acme Social"
          hint="The team you run TikTok for. You can invite teammates next."
          defaultValue={submittedValue(result, 'workspaceName')}
          errors={fieldErrors?.workspaceName}
        />
      )}
      {invitation ? null : <TimeZoneField errors={fieldErrors?.timeZone} />}
      <SubmitButton className="w-full" pendingText="Creating your account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
