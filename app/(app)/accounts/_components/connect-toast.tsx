'use client';

import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { toast } from 'sonner';

export type ConnectToastProps = { tone: 'success' | 'error'; message: string; detail?: string };

/**
 * The result of a connection attempt, shown once as a notification that stays until dismissed. The
 * query string that carried it is dropped from the address bar so a reload or a shared link does not
 * repeat it.
 */
export function ConnectToast({ tone, message, detail }: ConnectToastProps) {
  const pathname = usePathname();
  useEffect(() => {
    // history.replaceState, not router.replace: the router would fetch the page again for nothing.
    window.history.replaceState(null, '', pathname);
    // One id for every connect result: a second attempt replaces the first notice instead of stacking.
    const options = {
      id: 'connect-result',
      description: detail,
      duration: Number.POSITIVE_INFINITY,
      testId: 'connect-toast',
    };
    if (tone === 'error') toast.error(message, options);
    else toast.success(message, options);
  }, [pathname, tone, message, detail]);
  return null;
}
