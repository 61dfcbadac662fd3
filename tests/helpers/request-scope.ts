import type { Redis } from '@upstash/redis';
import type { Db } from '@/lib/db/types';

/**
 * What a request would carry in Next (headers, cookies, the signed-in user) for tests that call
 * the real transport wrappers, route handlers and server actions outside Next. Test files mock
 * `next/headers`, `@/lib/auth/index`, `@/lib/db/client` and `@/lib/kv/redis` with the modules
 * below, then set the scope before each call.
 */
export const scope = {
  headers: new Headers(),
  cookies: new Map<string, string>(),
  userId: null as string | null,
  db: null as Db | null,
  redis: null as Redis | null,
};

export const nextHeadersModule = {
  headers: async () => scope.headers,
  cookies: async () => ({
    get: (name: string) => (scope.cookies.has(name) ? { name, value: scope.cookies.get(name) } : undefined),
    set: (name: string, value: string) => scope.cookies.set(name, value),
  }),
};

export const authModule = {
  auth: async () => (scope.userId ? { user: { id: scope.userId }, expires: '' } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
};

export const dbClientModule = {
  getDb: async () => {
    if (!scope.db) throw new Error('request-scope: no db');
    return scope.db;
  },
};
