import type { Metadata } from 'next';
import Link from 'next/link';
import { signOutAction } from '@/app/_actions/sign-out-action';
import { CenteredCard } from '@/components/centered-card';
import { Button } from '@/components/ui/button';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db/client';
import { findInvitationByToken } from '@/lib/invitations/find-invitation-by-token';
import { AcceptInvitationForm } from './accept-invitation-form';

export const metadata: Metadata = { title: 'Invitation' };

const UNUSABLE = {
  accepted: 'This invitation has already been used.',
  revoked: 'This invitation was withdrawn. Ask the person who invited you for a new one.',
  expired: 'This invitation has expired. Ask the person who invited you for a new one.',
} as const;

export default async function InvitationPage({ params }: PageProps<'/invite/[token]'>) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([
    findInvitationByToken(await getDb(), token),
    getCurrentUser(),
  ]);
  const here = `/invite/${token}`;

  let body: React.ReactNode;
  if (!invitation) {
    body = (
      <p className="text-sm text-muted-foreground">
        This invitation link is not valid. Check that you copied all of it.
      </p>
    );
  } else if (invitation.status !== 'pending') {
    body = <p className="text-sm text-muted-foreground">{UNUSABLE[invitation.status]}</p>;
  } else if (!user) {
    body = (
      <div className="space-y-3">
        <Button asChild className="w-full">
          <Link href={`/sign-up?invite=${encodeURIComponent(token)}`}>
            <span className="wrap-anywhere">Create an account for {invitation.email}</span>
          </Link>
        </Button>
        <Button asChild variant="link" className="w-full">
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
          >
            I already have an account
          </Link>
        </Button>
      </div>
    );
  } else if (user.email !== invitation.email) {
    body = (
      <div className="space-y-3 text-sm text-muted-foreground">
        <p>
          This invitation is for <strong>{invitation.email}</strong>, but you are signed in as{' '}
          <strong>{user.email}</strong>.
        </p>
        <form action={signOutAction}>
          <Button type="submit" variant="secondary" className="w-full">
            Sign out and switch account
          </Button>
        </form>
      </div>
    );
  } else {
    body = <AcceptInvitationForm token={token} workspaceName={invitation.workspaceName} />;
  }

  return (
    <CenteredCard className="space-y-4">
      <h1 className="text-xl font-semibold">
        {invitation ? `Join ${invitation.workspaceName} on Tokdesk` : 'Invitation'}
      </h1>
      {invitation?.status === 'pending' ? (
        <p className="text-sm text-muted-foreground">
          You have been invited as <strong className="text-foreground">{invitation.role}</strong>.
        </p>
      ) : null}
      {body}
    </CenteredCard>
  );
}
