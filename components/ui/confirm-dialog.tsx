'use client';

import { type ReactElement, type ReactNode, useEffect, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from './alert-dialog';
import { Button } from './button';

export type ConfirmDialogProps = {
  /** The button that opens the question (rendered as is; give it an accessible name). Omit it to
   * control the dialog with `open` and `onOpenChange`, e.g. from a menu item. */
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  cancelLabel?: string;
  variant?: 'primary' | 'destructive';
  /** The form action the confirmation submits, typically a `useActionState` dispatch. */
  action: (formData: FormData) => void | Promise<void>;
  /** Hidden inputs submitted with the confirmation. */
  children?: ReactNode;
};

/**
 * "Are you sure?" for a server action: the dialog holds the form, stays open with a busy confirm button
 * while the action runs, and closes when it is done. The caller shows the action's result, as it
 * would for any form, so an error stays visible after the dialog is gone.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  pendingLabel,
  cancelLabel = 'Cancel',
  variant = 'destructive',
  action,
  children,
  open: controlledOpen,
  onOpenChange,
}: ConfirmDialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const open = controlledOpen ?? uncontrolledOpen;
  const setOpen = (next: boolean) => {
    setUncontrolledOpen(next);
    onOpenChange?.(next);
  };
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent>
        <form action={action} className="grid gap-4">
          {children}
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            {description ? <AlertDialogDescription>{description}</AlertDialogDescription> : null}
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{cancelLabel}</AlertDialogCancel>
            <ConfirmButton variant={variant} pendingLabel={pendingLabel} onDone={() => setOpen(false)}>
              {confirmLabel}
            </ConfirmButton>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function ConfirmButton({
  variant,
  pendingLabel,
  onDone,
  children,
}: {
  variant: 'primary' | 'destructive';
  pendingLabel?: string;
  onDone: () => void;
  children: ReactNode;
}) {
  const { pending } = useFormStatus();
  const wasPending = useRef(false);
  useEffect(() => {
    if (pending) wasPending.current = true;
    else if (wasPending.current) {
      wasPending.current = false;
      onDone();
    }
  }, [pending, onDone]);
  return (
    <Button type="submit" variant={variant} loading={pending}>
      {pending ? (pendingLabel ?? children) : children}
    </Button>
  );
}
