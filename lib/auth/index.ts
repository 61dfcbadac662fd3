import 'server-only';
import NextAuth from 'next-auth';
import { getDb } from '@/lib/db/client';
import { buildAuthConfig } from './auth-config';

// Lazy config: the database (PGlite or Postgres) is opened on first use, not at import.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => buildAuthConfig(await getDb()));
