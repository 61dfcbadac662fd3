'use client';

import { StatusPage } from '@/components/status-page';
import { Button } from '@/components/ui/button';

// Inside the shell, so navigation stays usable when one page fails; details stay in the server log.
export default function AppErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <StatusPage inShell title="This page could not load" action={<Button onClick={reset}>Try again</Button>}>
      <p>
        Try again; if it keeps happening, tell your administrator
        {error.digest ? ' the reference ' : ''}
        {error.digest ? <code className="font-mono text-foreground">{error.digest}</code> : null}.
      </p>
    </StatusPage>
  );
}
