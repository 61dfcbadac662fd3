import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { findUsableEmailToken } from '@/lib/auth/email-token';
import { getDb } from '@/lib/db/client';
import { readSearchParams } from '@/lib/http/read-search-params';
import { ConfirmEmailForm } from './confirm-email-form';

export const metadata: Metadata = { title: 'Confirm your e-mail address' };

export default async function VerifyEmailPage({ searchParams }: PageProps<'/verify-email'>) {
  const { token, next } = readSearchParams(await searchParams, {
    token: z.string().min(1).max(200),
    next: z.string().max(2048),
  });
  const link = token ? await findUsableEmailToken(await getDb(), { token, purpose: 'verify_email' }) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Confirm your e-mail address</h1>
      {token && link ? (
        <>
          <p className="text-sm text-slate-600">
            Confirm that <strong className="break-all">{link.email}</strong> is your address to finish
            creating your Tokdesk account.
          </p>
          <ConfirmEmailForm token={token} next={next} />
        </>
      ) : (
        <>
          <p role="alert" className="text-sm text-slate-600">
            This confirmation link has expired or was already used. Sign in with your e-mail and password to
            get a new one; if your address is already confirmed, you simply get in.
          </p>
          <Link
            href="/sign-in"
            className="block text-center text-sm font-medium text-brand-700 hover:underline"
          >
            Go to sign in
          </Link>
        </>
      )}
    </div>
  );
}
