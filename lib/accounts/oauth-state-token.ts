import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits for `state`; only its hash is stored, so a database leak cannot finish a flow. */
export function createStateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashStateToken(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}
