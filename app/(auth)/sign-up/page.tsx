import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db/client';
import { readSearchParams } from '@/lib/http/read-search-params';
import { findInvitationByToken } from '@/lib/invitations/find-invitation-by-token';
import { safeRedirectPath } from '@/lib/utils/safe-redirect-path';
import { SignUpForm } from './sign-up-form';

export const metadata: Metadata = { title: 'Create your account' };

export default async function SignUpPage({ searchParams }: PageProps<'/sign-up'>) {
  const { invite, callbackUrl } = readSearchParams(await searchParams, {
    invite: z.string().min(1).max(200),
    callbackUrl: z.string(),
  });
  if (await getCurrentUser()) redirect(safeRedirectPath(callbackUrl));
  const invitation = invite ? await findInvitationByToken(await getDb(), invite) : null;
  return (
    <SignUpForm
      invitation={
        invite && invitation?.status === 'pending'
          ? {
              token: invite,
              email: invitation.email,
              workspaceName: invitation.workspaceName,
              role: invitation.role,
            }
          : undefined
      }
    />
  );
}
