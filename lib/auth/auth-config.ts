import 'server-only';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import type { NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { accounts, sessions, users, verificationTokens } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { env, pinAuthUrl } from '@/lib/env';
import { isAppError } from '@/lib/errors/app-error';
import { logError } from '@/lib/log/log-error';
import { clientIp } from '@/lib/request/client-ip';
import { safeRedirectPath } from '@/lib/utils/safe-redirect-path';
import { authorizeCredentials } from './authorize-credentials';
import { createSessionRow, deleteSessionRow, isSessionActive, SESSION_MAX_AGE_SECONDS } from './session-rows';
import { refuseSignIn } from './sign-in-refusal';

const credentialsSchema = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export function buildAuthConfig(db: Db): NextAuthConfig {
  pinAuthUrl();
  return {
    secret: env.AUTH_SECRET,
    // Production takes its URL from APP_URL (pinAuthUrl), never from X-Forwarded-Host; development
    // follows whatever host the browser used.
    trustHost: true,
    adapter: DrizzleAdapter(
      db as never,
      {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      } as never,
    ),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    logger: {
      // Wrong passwords and refused sign-ins are expected outcomes, not errors worth a stack trace.
      error: (error) => {
        if ((error as { type?: string }).type !== 'CredentialsSignin') logError('auth', error);
      },
    },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      Credentials({
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        authorize: async (input, request) => {
          const parsed = credentialsSchema.safeParse(input);
          if (!parsed.success) return null;
          try {
            // Where the sign-in was headed (an invitation, say): a new confirmation link continues there.
            const next = safeRedirectPath((input as { callbackUrl?: unknown }).callbackUrl, '') || undefined;
            return await authorizeCredentials(db, { ...parsed.data, ip: clientIp(request.headers), next });
          } catch (error) {
            if (isAppError(error) && error.code === 'unauthenticated') return null;
            if (isAppError(error) && (error.code === 'rate_limited' || error.code === 'email_unverified'))
              refuseSignIn(error);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // Whatever callbackUrl a request carries, sign-in only ever lands on a path of our own.
      redirect: ({ url, baseUrl }) => {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || '/' : url;
        return `${baseUrl}${safeRedirectPath(path)}`;
      },
      jwt: async ({ token, user }) => {
        if (user?.id) {
          token.uid = user.id;
          token.sid = await createSessionRow(db, user.id);
          return token;
        }
        // A deleted or expired session row ends the session even though the JWT is still valid.
        if (typeof token.sid !== 'string' || typeof token.uid !== 'string') return null;
        return (await isSessionActive(db, token.sid, token.uid)) ? token : null;
      },
      session: ({ session, token }) => {
        if (typeof token.uid === 'string') session.user.id = token.uid;
        return session;
      },
    },
    events: {
      signOut: async (message) => {
        const token = 'token' in message ? message.token : null;
        if (token && typeof token.sid === 'string') await deleteSessionRow(db, token.sid);
      },
    },
  };
}
