/** How reports behave beyond the request: late settling and query-size limits. */
export type ReportSettings = {
  /** The last N days (today included) are unsettled and grow toward their final numbers. */
  settleDays: number;
  /** Moves unsettled numbers closer to final: same revision, same numbers. */
  revision: number;
  /** Bump the revision after every report answer, so consecutive fetches differ. */
  autoAdvance: boolean;
  /** Rows (entities × days × hours × breakdown cells) a query may produce before 40067. */
  maxQueryRows: number;
  /** A span of more days than this answers 40067 (null = only the documented span rules). */
  maxSpanDays: number | null;
};

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  settleDays: 3,
  revision: 0,
  autoAdvance: false,
  maxQueryRows: 200_000,
  maxSpanDays: null,
};

/**
 * Share of a day's final numbers already reported: days older than the settle window are final;
 * younger ones start a few percent short (more the younger they are) and close the gap as the
 * revision rises. Deterministic, and never above the final numbers.
 */
export function settledShare(ageDays: number, settings: ReportSettings): number {
  if (ageDays >= settings.settleDays) return 1;
  const youth = (settings.settleDays - ageDays) / settings.settleDays;
  const missing = 0.12 * youth ** 2;
  return 1 - missing * 0.7 ** settings.revision;
}

export function reportSettingsProblem(patch: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in DEFAULT_REPORT_SETTINGS)) return `unknown setting ${key}`;
    if (key === 'autoAdvance' && typeof value !== 'boolean') return 'autoAdvance must be a boolean';
    if (key === 'maxSpanDays' && value !== null && !(Number.isInteger(value) && (value as number) >= 1))
      return 'maxSpanDays must be null or a positive integer';
    if (
      ['settleDays', 'revision', 'maxQueryRows'].includes(key) &&
      !(Number.isInteger(value) && (value as number) >= 0)
    )
      return `${key} must be a non-negative integer`;
  }
  return null;
}
