import { describe, expect, it } from 'vitest';
import { buildManifestKey, buildReportKey, DEFAULT_KEY_TEMPLATE, keyTemplateSchema } from './report-key';

const values = { slug: 'acme', kind: 'creator', accountId: 'acc-1', username: 'Jo Doe!', date: '2026-03-09' };

describe('report keys', () => {
  it('builds the default data-lake layout and its manifest from stable ids', () => {
    expect(buildReportKey(null, values)).toBe(
      'reports/acme/creator/acc-1/dt=2026-03-09/creator_acc-1_2026-03-09.csv',
    );
    expect(buildManifestKey(null, values)).toBe('reports/acme/_manifests/dt=2026-03-09/_manifest.json');
    expect(DEFAULT_KEY_TEMPLATE).toContain('{account_id}');
  });

  it('fills custom templates, makes usernames key-safe, and puts the manifest in a dated folder', () => {
    const template = 'lake/{yyyy}/{mm}/{dd}/{kind}/{username}.csv';
    expect(buildReportKey(template, values)).toBe('lake/2026/03/09/creator/Jo_Doe_.csv');
    expect(buildManifestKey(template, values)).toBe('lake/2026/03/09/_manifest.json');
    expect(buildManifestKey('x/{slug}/{account_id}/{date}.csv', values)).toBe(
      'x/acme/_manifests/dt=2026-03-09/_manifest.json',
    );
  });

  it('refuses templates that would mix accounts or days, climb folders, or use unknown placeholders', () => {
    const problem = (value: string) => keyTemplateSchema.safeParse(value).error?.issues[0]?.message ?? null;
    expect(problem('r/{slug}/{account_id}/{date}.csv')).toBeNull();
    expect(problem('r/{slug}/{date}.csv')).toMatch(/account_id/);
    expect(problem('r/{account_id}.csv')).toMatch(/date/);
    expect(problem('r/{account_id}/{date}.json')).toMatch(/\.csv/);
    expect(problem('../{account_id}/{date}.csv')).toMatch(/dot or a slash/);
    expect(problem('r/{acount}/{account_id}/{date}.csv')).toMatch(/placeholders/);
  });
});
