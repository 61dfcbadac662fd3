import { cva, type VariantProps } from 'class-variance-authority';
import { CircleAlert, CircleCheck, Info, TriangleAlert } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils/cn';

const alertVariants = cva(
  'relative grid w-full grid-cols-[auto_1fr] items-start gap-x-2.5 gap-y-0.5 rounded-lg border px-4 py-3 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0 [&>:not(svg)]:col-start-2',
  {
    variants: {
      variant: {
        info: 'border-info-border bg-info-subtle text-info-text',
        success: 'border-success-border bg-success-subtle text-success-text',
        warning: 'border-warning-border bg-warning-subtle text-warning-text',
        danger: 'border-destructive-border bg-destructive-subtle text-destructive-text',
        neutral: 'bg-card text-card-foreground',
      },
    },
    defaultVariants: { variant: 'info' },
  },
);

const ICONS = {
  info: Info,
  success: CircleCheck,
  warning: TriangleAlert,
  danger: CircleAlert,
  neutral: Info,
};

/**
 * A callout inside the page. Not announced by itself: pass role="alert" for an error that just
 * appeared, role="status" for a quiet outcome. `icon={false}` drops the leading icon.
 */
export function Alert({
  className,
  variant,
  icon = true,
  children,
  ...props
}: ComponentProps<'div'> & VariantProps<typeof alertVariants> & { icon?: boolean }) {
  const Icon = ICONS[variant ?? 'info'];
  return (
    <div
      data-slot="alert"
      className={cn(alertVariants({ variant }), !icon && 'grid-cols-1 [&>:not(svg)]:col-start-1', className)}
      {...props}
    >
      {icon ? <Icon aria-hidden /> : null}
      {children}
    </div>
  );
}

export function AlertTitle({ className, ...props }: ComponentProps<'p'>) {
  return <p data-slot="alert-title" className={cn('font-medium', className)} {...props} />;
}

export function AlertDescription({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="alert-description"
      className={cn('text-sm [&_p]:leading-relaxed', className)}
      {...props}
    />
  );
}
