/** The labels the settings forms show, so the audit log speaks the same words. */
const FIELD_LABELS: Record<string, string> = {
  timeZone: 'Time zone',
  slug: 'Slug',
  dailyTime: 'Daily run at',
  settleDays: 'Settle window (days)',
  keyTemplate: 'Storage key template',
};

/**
 * The from/to pairs a settings change recorded (see describeChanges), as one line for people:
 * `Daily run at 06:00 → 21:45; Settle window (days) 3 → 5`. An emptied field reads "default".
 * Null when the metadata holds no such pairs (other events, or entries from before they existed).
 */
export function formatSettingChanges(metadata: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const [field, change] of Object.entries(metadata)) {
    if (!change || typeof change !== 'object' || !('from' in change) || !('to' in change)) continue;
    parts.push(`${FIELD_LABELS[field] ?? field} ${show(change.from)} → ${show(change.to)}`);
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

function show(value: unknown): string {
  return value === null || value === undefined || value === '' ? 'default' : String(value);
}
