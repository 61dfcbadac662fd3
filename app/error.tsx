'use client';

import { StatusPage } from '@/components/status-page';
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
    <StatusPage title="Something went wrong" action={<Button onClick={reset}>Try again</Button>}>
      <p>
        We could not load this page. Try again; if it keeps happening, tell your administrator
        {error.digest ? ' the reference ' : ''}
        {error.digest ? <code className="font-mono text-foreground">{error.digest}</code> : null}.
      </p>
    </StatusPage>
  );
}
