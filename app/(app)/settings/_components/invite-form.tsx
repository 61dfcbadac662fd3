'use client';

import { useActionState, useState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { submittedValue } from '@/lib/actions/action-result';
import { inviteMemberAction } from '../_actions/invite-member-action';

export function InviteForm() {
  const [result, formAction] = useActionState(inviteMemberAction, null);
  const [copied, setCopied] = useState(false);
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <div className="space-y-4">
      <form action={formAction} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <WorkspaceIdField />
        <Field
          label="E-mail"
          name="email"
          type="email"
          required
          className="flex-1"
          defaultValue={submittedValue(result, 'email')}
          errors={fieldErrors?.email}
        />
        <div className="space-y-1">
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">
            Role
          </label>
          <select
            id="invite-role"
            name="role"
            // React applies a select's defaultValue only when it mounts: a new key remounts it with the
            // submitted choice, which the form reset after the action then keeps.
            key={submittedValue(result, 'role', 'agent')}
            defaultValue={submittedValue(result, 'role', 'agent')}
            className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="agent">Agent — answers DMs</option>
            <option value="admin">Admin — manages accounts and settings</option>
          </select>
        </div>
        <SubmitButton pendingText="Creating link…">Create invitation</SubmitButton>
      </form>
      {result && !result.ok ? <FormMessage result={result} /> : null}
      {result?.ok ? (
        <div
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
        >
          <p>
            {result.data.emailed ? (
              <>
                We e-mailed an invitation to <strong>{result.data.email}</strong>. You can also send them this
                link yourself. It works once and expires in 7 days.
              </>
            ) : (
              <>
                We could not e-mail <strong>{result.data.email}</strong>: send them this link yourself. It
                works once and expires in 7 days.
              </>
            )}
          </p>
          <div className="mt-2 flex gap-2">
            <input
              readOnly
              value={result.data.link}
              aria-label="Invitation link"
              data-testid="invitation-link"
              className="min-w-0 flex-1 rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs"
              onFocus={(event) => event.currentTarget.select()}
            />
            <button
              type="button"
              className="rounded border border-emerald-300 bg-white px-2 py-1 text-xs font-medium hover:bg-emerald-100"
              onClick={() => {
                void navigator.clipboard?.writeText(result.data.link).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
