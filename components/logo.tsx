import { cn } from '@/lib/utils/cn';

/** The mark's glyph; public/icon.svg draws the same path (scripts/generate-icons.ts renders the PNGs). */
export const LOGO_GLYPH_PATH =
  'M14 3h3a4 4 0 0 0 4 4v3a7 7 0 0 1-4-1.3V15a6 6 0 1 1-6-6v3.2A2.8 2.8 0 1 0 14 15V3Z';

export function Logo({ className }: { className?: string }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-2 text-lg font-semibold tracking-tight text-foreground',
        className,
      )}
    >
      <span
        className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground"
        aria-hidden
      >
        <svg viewBox="0 0 24 24" className="size-5" fill="currentColor" aria-hidden>
          <path d={LOGO_GLYPH_PATH} />
        </svg>
      </span>
      Tokdesk
    </span>
  );
}
