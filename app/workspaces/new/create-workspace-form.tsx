'use client';

import { useActionState } from 'react';
import { TimeZoneField } from '@/components/time/time-zone-field';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { submittedValue } from '@/lib/actions/action-result';
import { createWorkspaceAction } from './create-workspace-action';

export function CreateWorkspaceForm() {
  const [result, formAction] = useActionState(createWorkspaceAction, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage result={result} />
      <Field
        label="Workspace name"
        name="name"
        required
        placeholder="Acme Social"
        defaultValue={submittedValue(result, 'name')}
        errors={result && !result.ok ? result.fieldErrors?.name : undefined}
      />
      <TimeZoneField errors={result && !result.ok ? result.fieldErrors?.timeZone : undefined} />
      <SubmitButton className="w-full" pendingText="Creating…">
        Create workspace
      </SubmitButton>
    </form>
  );
}
