'use client';

import { useActionState } from 'react';
import { TimeZoneField } from '@/components/time/time-zone-field';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { updateWorkspaceSettingsAction } from '../_actions/update-workspace-settings-action';

export function WorkspaceSettingsForm({
  slug,
  timeZone,
  canEditSlug,
}: {
  slug: string;
  timeZone: string;
  canEditSlug: boolean;
}) {
  const [result, formAction] = useActionState(updateWorkspaceSettingsAction, null);
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <WorkspaceIdField />
      <FormMessage result={result} />
      {result?.ok ? (
        <p role="status" className="text-sm text-emerald-700">
          Saved.
        </p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TimeZoneField defaultValue={timeZone} errors={fieldErrors?.timeZone} />
        <Field
          label="Slug"
          name="slug"
          defaultValue={slug}
          disabled={!canEditSlug}
          autoComplete="off"
          spellCheck={false}
          hint={
            canEditSlug
              ? 'Lower-case letters, digits and hyphens. Report files are stored under it: analysts’ pipelines may rely on it.'
              : 'Only owners can change the slug.'
          }
          errors={fieldErrors?.slug}
        />
      </div>
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}
