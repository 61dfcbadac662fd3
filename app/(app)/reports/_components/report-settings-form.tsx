'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { updateReportSettingsAction } from '../_actions/update-report-settings-action';

export function ReportSettingsForm({
  dailyTime,
  keyTemplate,
  settleDays,
  timeZone,
  defaultTemplate,
}: {
  dailyTime: string;
  keyTemplate: string | null;
  settleDays: number;
  timeZone: string;
  defaultTemplate: string;
}) {
  const [result, formAction] = useActionState(updateReportSettingsAction, null);
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <WorkspaceIdField />
      <FormMessage result={result} success="Saved." />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Daily run at"
          name="dailyTime"
          type="time"
          defaultValue={dailyTime}
          hint={`In the workspace’s time zone (${timeZone}).`}
          errors={errors?.dailyTime}
        />
        <Field
          label="Settle window (days)"
          name="settleDays"
          type="number"
          min={0}
          max={28}
          defaultValue={settleDays}
          hint="Ad numbers of the last days are fetched again on every run, as TikTok revises them."
          errors={errors?.settleDays}
        />
      </div>
      <Field
        label="Storage key template"
        name="keyTemplate"
        defaultValue={keyTemplate ?? ''}
        placeholder={defaultTemplate}
        spellCheck={false}
        autoComplete="off"
        hint="Empty for the default. Placeholders: {slug} {kind} {account_id} {username} {date} {yyyy} {mm} {dd}."
        errors={errors?.keyTemplate}
      />
      <SubmitButton pendingText="Saving…">Save report settings</SubmitButton>
    </form>
  );
}
