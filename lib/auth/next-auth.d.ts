import 'next-auth/jwt';

declare module 'next-auth/jwt' {
  interface JWT {
    /** Our user id. */
    uid?: string;
    /** The `sessions` row this JWT belongs to. */
    sid?: string;
  }
}
