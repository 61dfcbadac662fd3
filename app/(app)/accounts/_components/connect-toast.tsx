'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { cn } from '@/lib/utils/cn';

export type ConnectToastProps = { tone: 'success' | 'error'; message: string; detail?: string };

/**
 * The result of a connection attempt, shown once. The query string that carried it is dropped from
 * the address bar so a reload or a shared link does not repeat it.
 */
export function ConnectToast({ tone, message, detail }: ConnectToastProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(true);
  useEffect(() => {
    // history.replaceState, not router.replace: the router would re-render the page without the
    // query string, and the toast it carried would vanish before anyone could read it.
    window.history.replaceState(null, '', pathname);
  }, [pathname]);
  if (!open) return null;
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid="connect-toast"
      className={cn(
        'fixed right-4 bottom-4 z-50 max-w-sm rounded-lg border px-4 py-3 text-sm shadow-lg',
        tone === 'error'
          ? 'border-red-200 bg-red-50 text-red-800'
          : 'border-emerald-200 bg-emerald-50 text-emerald-900',
      )}
    >
      <div className="flex items-start gap-3">
        <div className="flex-1">
          <p>{message}</p>
          {detail ? <p className="mt-1 text-xs opacity-80">{detail}</p> : null}
        </div>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="text-xs underline"
          aria-label="Dismiss"
        >
          Close
        </button>
      </div>
    </div>
  );
}
