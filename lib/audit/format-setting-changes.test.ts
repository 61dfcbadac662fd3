import { describe, expect, it } from 'vitest';
import { formatSettingChanges } from './format-setting-changes';

describe('formatSettingChanges', () => {
  it('reads each recorded change with the form’s label, an emptied field as the default', () => {
    expect(
      formatSettingChanges({
        dailyTime: { from: '06:00', to: '21:45' },
        keyTemplate: { from: 'reports/{slug}/{date}/{account_id}.csv', to: null },
      }),
    ).toBe(
      'Daily run at 06:00 → 21:45; Storage key template reports/{slug}/{date}/{account_id}.csv → default',
    );
  });

  it('is null for metadata that records no changes', () => {
    expect(formatSettingChanges({ email: 'someone@example.test' })).toBeNull();
    expect(formatSettingChanges({})).toBeNull();
  });
});
