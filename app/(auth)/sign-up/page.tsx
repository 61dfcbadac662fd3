import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db/client';
import { findInvitationByToken } from '@/lib/invitations/find-invitation-by-token';
import { safeRedirectPath } from '@/lib/utils/safe-redirect-path';
import { SignUpForm } from './sign-up-form';

export const metadata: Metadata = { title: 'Create your account' };

export default async function SignUpPage({ searchParams }: PageProps<'/sign-up'>) {
  const { invite, callbackUrl } = await searchParams;
  const returnTo = safeRedirectPath(callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  const invitation = typeof invite === 'string' ? await findInvitationByToken(await getDb(), invite) : null;
  const usable = invitation?.status === 'pending' && typeof invite === 'string';
  return (
    <SignUpForm
      callbackUrl={returnTo}
      invitation={
        usable
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
