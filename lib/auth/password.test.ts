import { describe, expect, it } from 'vitest';
import { checkPassword, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes with scrypt at N=2^17, r=8, p=1 and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('still accepts hashes made with older parameters and asks for a rehash', async () => {
    const old = await hashPassword('old password', { N: 2 ** 15, r: 8, p: 1 });
    expect(await checkPassword('old password', old)).toEqual({ ok: true, needsRehash: true });
    expect(await checkPassword('wrong', old)).toEqual({ ok: false, needsRehash: false });
    const current = await hashPassword('new password');
    expect(await checkPassword('new password', current)).toEqual({ ok: true, needsRehash: false });
  });

  it('rejects malformed stored values instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1$2$3')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$3$8$1$c2FsdA$aGFzaA')).toBe(false);
  });
});
