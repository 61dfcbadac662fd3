'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { confirmEmail } from '@/lib/auth/confirm-email';
import { getCurrentUser } from '@/lib/auth/current-user';
import { safeRedirectPath } from '@/lib/utils/safe-redirect-path';

const schema = z.object({ token: z.string().min(1).max(200), next: z.string().max(2048).optional() });

export const confirmEmailAction = withAction({ access: 'public', schema }, async ({ db, input, ip }) => {
  const { email } = await confirmEmail(db, { token: input.token, ip });
  const next = safeRedirectPath(input.next);
  // The link proves the address, not who is at the keyboard: it never signs anyone in.
  if ((await getCurrentUser())?.email === email) redirect(next);
  redirect(`/sign-in?${new URLSearchParams({ email, confirmed: '1', callbackUrl: next })}`);
});
