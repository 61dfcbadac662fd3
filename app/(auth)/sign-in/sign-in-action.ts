'use server';

import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { safeRedirectPath } from '@/lib/utils/safe-redirect-path';

const schema = z.object({
  email: z.string().trim().min(1, { error: 'Enter your e-mail.' }).max(320),
  password: z.string().min(1, { error: 'Enter your password.' }).max(1024),
  callbackUrl: z.string().optional(),
});

// Password attempts are limited where Auth.js checks them (lib/auth/authorize-credentials.ts), for
// this form and direct posts to /api/auth alike.
export const signInAction = withAction({ access: 'public', schema }, ({ input }) =>
  signInWithPassword({ ...input, redirectTo: safeRedirectPath(input.callbackUrl) }),
);
