import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { NativeSelect } from '@/components/ui/native-select';
import type { ReportAccount } from '@/lib/reports/get-reports-overview';

/** A plain GET form: the range and account live in the URL, so views can be bookmarked and shared. */
export function RangeForm({
  from,
  to,
  accounts,
  selected,
}: {
  from: string;
  to: string;
  accounts: ReportAccount[];
  selected: string;
}) {
  return (
    <form method="get" className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_2fr_auto]">
      <Field label="From" name="from" type="date" defaultValue={from} />
      <Field label="To" name="to" type="date" defaultValue={to} />
      <Field label="Account">
        <NativeSelect name="account" defaultValue={selected}>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name} ({account.kind})
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Button type="submit" variant="secondary">
        Show
      </Button>
    </form>
  );
}
