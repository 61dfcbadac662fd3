'use client';

import { CircleAlert, CircleCheck, Info, LoaderCircle, TriangleAlert } from 'lucide-react';
import { Toaster as Sonner } from 'sonner';

/**
 * Where notifications appear (bottom right; the root layout renders it once). Raise one from any client
 * component with `toast.success('Saved')`, `toast.error(message)`, `toast(message, { description,
 * action })` from 'sonner'. The region is a polite live region; Alt+T focuses it from the keyboard.
 */
export function Toaster() {
  return (
    <Sonner
      position="bottom-right"
      closeButton
      richColors
      theme="light"
      icons={{
        success: <CircleCheck className="size-4" aria-hidden />,
        info: <Info className="size-4" aria-hidden />,
        warning: <TriangleAlert className="size-4" aria-hidden />,
        error: <CircleAlert className="size-4" aria-hidden />,
        loading: <LoaderCircle className="size-4 animate-spin" aria-hidden />,
      }}
      toastOptions={{
        closeButtonAriaLabel: 'Dismiss',
        classNames: {
          toast: 'font-sans text-sm shadow-lg',
          description: 'text-xs opacity-90',
          actionButton: 'bg-primary! text-primary-foreground!',
        },
      }}
      style={
        {
          '--normal-bg': 'var(--popover)',
          '--normal-text': 'var(--popover-foreground)',
          '--normal-border': 'var(--border)',
          '--border-radius': 'var(--radius)',
          // The close button on the right, where people look for it.
          '--toast-close-button-start': 'unset',
          '--toast-close-button-end': '0',
          '--toast-close-button-transform': 'translate(35%, -35%)',
        } as React.CSSProperties
      }
    />
  );
}
