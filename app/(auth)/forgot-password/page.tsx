import type { Metadata } from 'next';
import { z } from 'zod';
import { readSearchParams } from '@/lib/http/read-search-params';
import { ForgotPasswordForm } from './forgot-password-form';

export const metadata: Metadata = { title: 'Forgot password' };

export default async function ForgotPasswordPage({ searchParams }: PageProps<'/forgot-password'>) {
  const { email } = readSearchParams(await searchParams, { email: z.email().max(320) });
  return <ForgotPasswordForm email={email} />;
}
