import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { findUsableEmailToken } from '@/lib/auth/email-token';
import { RESET_LINK_UNUSABLE } from '@/lib/auth/reset-password';
import { getDb } from '@/lib/db/client';
import { readSearchParams } from '@/lib/http/read-search-params';
import { ResetPasswordForm } from './reset-password-form';

export const metadata: Metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage({ searchParams }: PageProps<'/reset-password'>) {
  const { token } = readSearchParams(await searchParams, { token: z.string().min(1).max(200) });
  const link = token ? await findUsableEmailToken(await getDb(), { token, purpose: 'reset_password' }) : null;
  if (!token || !link) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Choose a new password</h1>
        <p role="alert" className="text-sm text-slate-600">
          {RESET_LINK_UNUSABLE}
        </p>
        <Link
          href="/forgot-password"
          className="block text-center text-sm font-medium text-brand-700 hover:underline"
        >
          Send a new link
        </Link>
      </div>
    );
  }
  return <ResetPasswordForm token={token} email={link.email} />;
}
