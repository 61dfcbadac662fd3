import { z } from 'zod';

/**
 * Where a report CSV is stored. The default layout is partitioned for data lakes (Hive-style
 * `dt=` folders) and built only from stable identifiers; a workspace may set its own template.
 * Placeholders: {slug} {kind} {account_id} {username} {date} {yyyy} {mm} {dd}.
 */
export const DEFAULT_KEY_TEMPLATE =
  'reports/{slug}/{kind}/{account_id}/dt={date}/{kind}_{account_id}_{date}.csv';

const PLACEHOLDERS = ['slug', 'kind', 'account_id', 'username', 'date', 'yyyy', 'mm', 'dd'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];
/** Placeholders that differ between accounts: a day's manifest sits above the first of them. */
const ACCOUNT_LEVEL: readonly Placeholder[] = ['kind', 'account_id', 'username'];

export type ReportKeyValues = {
  slug: string;
  kind: string;
  accountId: string;
  username: string | null;
  /** YYYY-MM-DD */
  date: string;
};

/** Characters storage keys allow (lib/storage/object-key.ts); anything else in a username becomes `_`. */
const safeSegment = (value: string) => value.replace(/[^A-Za-z0-9._=+-]/g, '_').replace(/^[._]+/, '') || '_';

function values(input: ReportKeyValues): Record<Placeholder, string> {
  const [yyyy, mm, dd] = input.date.split('-') as [string, string, string];
  return {
    slug: input.slug,
    kind: input.kind,
    account_id: input.accountId,
    username: safeSegment(input.username ?? input.accountId),
    date: input.date,
    yyyy,
    mm,
    dd,
  };
}

function fill(template: string, vals: Partial<Record<Placeholder, string>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (match, name: Placeholder) => vals[name] ?? match);
}

export function buildReportKey(template: string | null, input: ReportKeyValues): string {
  return fill(template ?? DEFAULT_KEY_TEMPLATE, values(input));
}

/**
 * The day's `_manifest.json`: in the folder above the first account-level placeholder, inside a
 * `dt=<date>` folder unless the date is already part of that path. Default:
 * `reports/<slug>/_manifests/dt=<date>/_manifest.json`.
 */
export function buildManifestKey(template: string | null, { slug, date }: { slug: string; date: string }) {
  const source = template ?? DEFAULT_KEY_TEMPLATE;
  const cut = Math.min(
    ...ACCOUNT_LEVEL.map((name) => source.indexOf(`{${name}}`)).filter((index) => index >= 0),
    source.length,
  );
  const folder = source.slice(0, source.lastIndexOf('/', cut) + 1);
  const hasDate = /\{(date|yyyy|mm|dd)\}/.test(folder);
  const filled = fill(folder, values({ slug, date, kind: '', accountId: '', username: null }));
  return hasDate ? `${filled}_manifest.json` : `${filled}_manifests/dt=${date}/_manifest.json`;
}

/** A template must name the account and the date, or two files would share one key. */
export const keyTemplateSchema = z
  .string()
  .trim()
  .max(300)
  .refine((value) => !/\{(?![a-z_]+\})|\{(?!(slug|kind|account_id|username|date|yyyy|mm|dd)\})/.test(value), {
    message: `Use only these placeholders: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}.`,
  })
  .refine((value) => value.includes('{account_id}') || value.includes('{username}'), {
    message: 'The template must contain {account_id} (or {username}) so every account gets its own file.',
  })
  .refine((value) => value.includes('{date}') || ['{yyyy}', '{mm}', '{dd}'].every((p) => value.includes(p)), {
    message: 'The template must contain {date} (or {yyyy}, {mm} and {dd}) so every day gets its own file.',
  })
  .refine((value) => value.endsWith('.csv'), { message: 'The template must end in .csv.' })
  .refine(
    (value) => !value.startsWith('/') && !value.split('/').some((s) => s === '..' || s.startsWith('.')),
    {
      message: 'Folders cannot start with a dot or a slash.',
    },
  );
