import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/current-user';
import { readSearchParams } from '@/lib/http/read-search-params';
import { safeRedirectPath } from '@/lib/utils/safe-redirect-path';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const { callbackUrl, email, confirmed } = readSearchParams(await searchParams, {
    callbackUrl: z.string(),
    email: z.string().max(320),
    confirmed: z.literal('1'),
  });
  const returnTo = safeRedirectPath(callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  return (
    <SignInForm
      callbackUrl={returnTo}
      email={email}
      notice={confirmed ? 'Your e-mail address is confirmed. Sign in to continue.' : undefined}
    />
  );
}
