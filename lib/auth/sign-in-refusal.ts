import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { CredentialsSignin } from 'next-auth';
import type { AppError } from '@/lib/errors/app-error';

/**
 * A sign-in refused for a reason the person must hear (rate limited, address not confirmed), as
 * opposed to a wrong password. Auth.js only lets `authorize` fail with a CredentialsSignin; this one
 * carries our AppError so each transport can answer properly.
 */
export class SignInRefused extends CredentialsSignin {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.code = appError.code;
  }
}

const refusals = new AsyncLocalStorage<{ refusal?: AppError }>();

/**
 * Runs Auth.js' HTTP handler and reports a refusal raised inside it. Over HTTP Auth.js turns every
 * sign-in error into a redirect to the sign-in page; the route uses the refusal to answer with its
 * real status instead (429 with Retry-After, 403).
 */
export async function captureSignInRefusal(
  run: () => Promise<Response>,
): Promise<{ response: Response; refusal?: AppError }> {
  const slot: { refusal?: AppError } = {};
  const response = await refusals.run(slot, run);
  return { response, refusal: slot.refusal };
}

/** Called from `authorize`: records the refusal for the HTTP route and throws it for Auth.js. */
export function refuseSignIn(error: AppError): never {
  const slot = refusals.getStore();
  if (slot) slot.refusal = error;
  throw new SignInRefused(error);
}
