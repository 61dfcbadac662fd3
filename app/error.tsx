'use client';

import { Button } from '@/components/ui/button';

// Users see a plain message and a way forward; the details stay in the server log.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="max-w-md text-sm text-slate-600">
        We could not load this page. Try again; if it keeps happening, tell your administrator
        {error.digest ? ` the reference ${error.digest}` : ''}.
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
