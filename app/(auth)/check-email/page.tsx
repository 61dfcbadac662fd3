import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { env } from '@/lib/env';
import { readSearchParams } from '@/lib/http/read-search-params';

export const metadata: Metadata = { title: 'Check your inbox' };

export default async function CheckEmailPage({ searchParams }: PageProps<'/check-email'>) {
  const { email, for: purpose } = readSearchParams(await searchParams, {
    email: z.email().max(320),
    for: z.literal('reset'),
  });
  const address = email ? <strong className="break-all">{email}</strong> : 'your address';
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Check your inbox</h1>
      {purpose === 'reset' ? (
        <p className="text-sm text-slate-600">
          If {address} has a Tokdesk account, we sent it a link to choose a new password. The link works once,
          for 30 minutes.
        </p>
      ) : (
        <p className="text-sm text-slate-600">
          We sent an e-mail to {address}. Follow the link in it to confirm the address and finish signing up;
          if the address already has an account, the e-mail tells you how to get in.
        </p>
      )}
      <p className="text-sm text-slate-600">
        Nothing after a few minutes? Look in your spam folder, or{' '}
        <Link
          href={purpose === 'reset' ? '/forgot-password' : '/sign-up'}
          className="font-medium text-brand-700 hover:underline"
        >
          try again
        </Link>
        .
      </p>
      {env.mailTransport === 'outbox' ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No mail server is configured: e-mails are kept in the{' '}
          <Link href="/dev/outbox" className="font-medium underline">
            local outbox
          </Link>
          .
        </p>
      ) : null}
      <Link href="/sign-in" className="block text-center text-sm font-medium text-brand-700 hover:underline">
        Back to sign in
      </Link>
    </div>
  );
}
