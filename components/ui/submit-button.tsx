'use client';

import { useFormStatus } from 'react-dom';
import { Button, type ButtonProps } from './button';

/** A submit button that shows a spinner, disables itself and says so while its form is pending. */
export function SubmitButton({
  children,
  pendingText,
  ...props
}: Omit<ButtonProps, 'type' | 'loading' | 'asChild'> & { pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" loading={pending} {...props}>
      {pending ? (pendingText ?? 'Working…') : children}
    </Button>
  );
}
