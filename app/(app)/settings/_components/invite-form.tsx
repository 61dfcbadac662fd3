'use client';

import { Check, Copy } from 'lucide-react';
import { useActionState, useState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
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
      <form action={formAction} className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-start" noValidate>
        <WorkspaceIdField />
        <Field
          label="E-mail"
          name="email"
          type="email"
          required
          defaultValue={submittedValue(result, 'email')}
          errors={fieldErrors?.email}
        />
        <Field label="Role">
          <NativeSelect
            name="role"
            // React applies a select's defaultValue only when it mounts: a new key remounts it with the
            // submitted choice, which the form reset after the action then keeps.
            key={submittedValue(result, 'role', 'agent')}
            defaultValue={submittedValue(result, 'role', 'agent')}
          >
            <option value="agent">Agent — answers DMs</option>
            <option value="admin">Admin — manages accounts and settings</option>
          </NativeSelect>
        </Field>
        <SubmitButton pendingText="Creating link…" className="sm:mt-6.5">
          Create invitation
        </SubmitButton>
      </form>
      {result && !result.ok ? <FormMessage result={result} /> : null}
      {result?.ok ? (
        <Alert variant="success" role="status">
          <AlertDescription className="space-y-2">
            <p>
              {result.data.emailed ? (
                <>
                  We e-mailed an invitation to <strong>{result.data.email}</strong>. You can also send them
                  this link yourself. It works once and expires in 7 days.
                </>
              ) : (
                <>
                  We could not e-mail <strong>{result.data.email}</strong>: send them this link yourself. It
                  works once and expires in 7 days.
                </>
              )}
            </p>
            <div className="flex gap-2">
              <Input
                readOnly
                value={result.data.link}
                aria-label="Invitation link"
                data-testid="invitation-link"
                className="h-8 font-mono text-xs read-only:bg-card read-only:text-foreground sm:text-xs"
                onFocus={(event) => event.currentTarget.select()}
              />
              <Button
                variant="secondary"
                size="sm"
                onClick={() => {
                  void navigator.clipboard?.writeText(result.data.link).then(() => setCopied(true));
                }}
              >
                {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
                {copied ? 'Copied' : 'Copy'}
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
