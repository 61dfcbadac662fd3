import { describe, expect, it } from 'vitest';
import { describeChanges } from './describe-changes';

describe('describeChanges', () => {
  it('lists only the fields whose value changed, with both values', () => {
    expect(
      describeChanges(
        { dailyTime: '06:00', keyTemplate: null, settleDays: 3 },
        { dailyTime: '21:45', keyTemplate: null, settleDays: 5 },
      ),
    ).toEqual({ dailyTime: { from: '06:00', to: '21:45' }, settleDays: { from: 3, to: 5 } });
  });

  it('is empty when nothing changed', () => {
    expect(describeChanges({ slug: 'acme', timeZone: 'UTC' }, { slug: 'acme' })).toEqual({});
  });
});
