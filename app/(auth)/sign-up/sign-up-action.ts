'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { emailFieldSchema, newPasswordSchema } from '@/lib/auth/email-field-schema';
import { signUp } from '@/lib/auth/sign-up';
import { timeZoneSchema } from '@/lib/time/time-zones';

const schema = z.object({
  name: z.string().trim().min(1, { error: 'Tell us your name.' }).max(100),
  email: emailFieldSchema,
  password: newPasswordSchema,
  workspaceName: z.string().trim().max(100).optional(),
  timeZone: timeZoneSchema.optional(),
  invitationToken: z.string().max(200).optional(),
});

export const signUpAction = withAction(
  {
    access: 'public',
    schema,
    rateLimit: [
      { policy: 'signUp', identify: (_input, ip) => (ip ? [ip] : null) },
      { policy: 'accountEmail', identify: (input) => [input.email] },
    ],
  },
  async ({ db, input, ip }) => {
    // New address or existing one, the answer is the same page: only the e-mail says which it was.
    await signUp(db, { ...input, invitationToken: input.invitationToken || undefined, ip });
    redirect(`/check-email?${new URLSearchParams({ email: input.email })}`);
  },
);
