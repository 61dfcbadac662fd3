'use client';

import { StatusPage } from '@/components/status-page';
import { Button } from '@/components/ui/button';
import './globals.css';

// The root layout itself failed, so this replaces it and brings its own <html>.
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <StatusPage title="Tokdesk could not load" action={<Button onClick={reset}>Try again</Button>}>
          <p>
            Try again in a moment; if it keeps happening, tell your administrator
            {error.digest ? ' the reference ' : ''}
            {error.digest ? <code className="font-mono text-foreground">{error.digest}</code> : null}.
          </p>
        </StatusPage>
      </body>
    </html>
  );
}
