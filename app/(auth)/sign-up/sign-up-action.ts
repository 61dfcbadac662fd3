'use server';

import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { signUp } from '@/lib/auth/sign-up';
import { timeZoneSchema } from '@/lib/time/time-zones';
import { safeRedirectPath } from '@/lib/utils/safe-redirect-path';

const schema = z.object({
  name: z.string().trim().min(1, { error: 'Tell us your name.' }).max(100),
  email: z.email({ error: 'Enter a valid e-mail address.' }).max(320),
  password: z
    .string()
    .min(10, { error: 'Use at least 10 characters.' })
    .max(1024, { error: 'Use at most 1024 characters.' }),
  workspaceName: z.string().trim().max(100).optional(),
  timeZone: timeZoneSchema.optional(),
  invitationToken: z.string().max(200).optional(),
  callbackUrl: z.string().optional(),
});

export const signUpAction = withAction(
  { access: 'public', schema, rateLimit: { policy: 'signUp', identify: (_input, ip) => [ip ?? 'unknown'] } },
  async ({ db, input, ip }) => {
    await signUp(db, { ...input, invitationToken: input.invitationToken || undefined, ip });
    await signInWithPassword({
      email: input.email,
      password: input.password,
      redirectTo: safeRedirectPath(input.callbackUrl),
    });
  },
);
