'use server';

import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { emailFieldSchema } from '@/lib/auth/email-field-schema';
import { requestPasswordReset } from '@/lib/auth/request-password-reset';
import { logError } from '@/lib/log/log-error';

const schema = z.object({ email: emailFieldSchema });

export const forgotPasswordAction = withAction(
  {
    access: 'public',
    schema,
    rateLimit: [
      { policy: 'passwordReset', identify: (_input, ip) => (ip ? [ip] : null) },
      { policy: 'accountEmail', identify: (input) => [input.email] },
    ],
  },
  async ({ db, input }) => {
    // After the response: whether an e-mail goes out (the address has an account) must not show
    // in how long the answer takes.
    after(() => requestPasswordReset(db, input).catch((error: unknown) => logError('password reset', error)));
    redirect(`/check-email?${new URLSearchParams({ email: input.email, for: 'reset' })}`);
  },
);
