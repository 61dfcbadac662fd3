import { ChevronDown } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils/cn';
import { controlClasses } from './input';

/**
 * The browser's own <select>, styled like the kit. Prefer it to Select inside plain forms: it submits
 * without script, works with autofill and is what mobile users expect.
 */
export function NativeSelect({
  className,
  wrapperClassName,
  ...props
}: ComponentProps<'select'> & { wrapperClassName?: string }) {
  return (
    <div data-slot="native-select" className={cn('relative', wrapperClassName)}>
      <select
        className={cn(controlClasses, 'block h-9 appearance-none py-1 pr-9 pl-3', className)}
        {...props}
      />
      <ChevronDown
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
    </div>
  );
}
