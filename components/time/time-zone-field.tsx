'use client';

import { useEffect, useState } from 'react';
import { listTimeZones } from '@/lib/time/time-zones';

export type TimeZoneFieldProps = {
  name?: string;
  /** The saved zone; without one the browser's own zone is preselected. */
  defaultValue?: string;
  errors?: string[];
  disabled?: boolean;
};

/**
 * A select of IANA time zones. The list and the browser's zone are only known in the browser, so
 * the server renders the current (or UTC) option alone and the full list appears once mounted:
 * nothing differs between the server's HTML and the first client render.
 */
export function TimeZoneField({ name = 'timeZone', defaultValue, errors, disabled }: TimeZoneFieldProps) {
  const [zones, setZones] = useState<string[] | null>(null);
  const [value, setValue] = useState(defaultValue ?? 'UTC');
  useEffect(() => {
    const all = listTimeZones();
    setZones(all);
    if (!defaultValue) {
      const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (all.includes(detected)) setValue(detected);
    }
  }, [defaultValue]);
  const id = `field-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Time zone
      </label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        disabled={disabled}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ''}`}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-500 disabled:bg-slate-50"
      >
        {(zones ?? [value]).map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        Schedules, daily reports and dates follow this zone.
      </p>
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
