import { z } from 'zod';

/** The e-mail field of every account form: a valid address, normalised the way accounts store it. */
export const emailFieldSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z.email({ error: 'Enter a valid e-mail address.' }).max(320, { error: 'Enter a valid e-mail address.' }),
  );

/** A new password: what sign-up and password reset both demand. */
export const newPasswordSchema = z
  .string()
  .min(10, { error: 'Use at least 10 characters.' })
  .max(1024, { error: 'Use at most 1024 characters.' });
