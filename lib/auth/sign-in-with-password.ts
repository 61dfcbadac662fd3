import 'server-only';
import { AuthError } from 'next-auth';
import { AppError } from '@/lib/errors/app-error';
import { signIn } from './index';
import { SignInRefused } from './sign-in-refusal';

export type SignInWithPasswordOptions = { email: string; password: string; redirectTo: string };

/** Starts a session and redirects; a refused sign-in becomes a form error rather than Auth.js' error page. */
export async function signInWithPassword({
  email,
  password,
  redirectTo,
}: SignInWithPasswordOptions): Promise<void> {
  try {
    await signIn('credentials', { email, password, redirectTo });
  } catch (error) {
    if (error instanceof SignInRefused) throw error.appError;
    if (error instanceof AuthError && error.type === 'CredentialsSignin') {
      throw new AppError({ code: 'unauthenticated', message: 'The e-mail or password is incorrect.' });
    }
    throw error;
  }
}
