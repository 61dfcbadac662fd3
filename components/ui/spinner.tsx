import { LoaderCircle } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils/cn';

/** An indeterminate busy indicator; `label` is what screen readers hear (default "Loading"). */
export function Spinner({
  className,
  label = 'Loading',
  ...props
}: ComponentProps<'svg'> & { label?: string }) {
  return (
    <LoaderCircle
      role="status"
      aria-label={label}
      className={cn('size-4 animate-spin text-muted-foreground', className)}
      {...props}
    />
  );
}
