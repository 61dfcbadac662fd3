'use server';

import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { newPasswordSchema } from '@/lib/auth/email-field-schema';
import { resetPassword } from '@/lib/auth/reset-password';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';

const schema = z
  .object({ token: z.string().min(1).max(200), password: newPasswordSchema, passwordAgain: z.string() })
  .refine((input) => input.password === input.passwordAgain, {
    error: 'The two passwords differ.',
    path: ['passwordAgain'],
  });

export const resetPasswordAction = withAction({ access: 'public', schema }, async ({ db, input, ip }) => {
  const { email } = await resetPassword(db, { token: input.token, password: input.password, ip });
  await signInWithPassword({ email, password: input.password, redirectTo: '/accounts' });
});
