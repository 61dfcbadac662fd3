import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readKeyId } from './ciphertext-format';
import { DecryptionError, type DecryptionFailure } from './decryption-error';
import { createKeyring } from './keyring';
import { decryptSecret, encryptSecret, type SecretContext } from './token-cipher';

const oldKey = { kid: 'k-old', key: randomBytes(32) };
const newKey = { kid: 'k-new', key: randomBytes(32) };
const ring = createKeyring([newKey, oldKey]);
const context: SecretContext = { table: 'tiktok_accounts', column: 'access_token', rowId: 'row-1' };
const plaintext = 'act.example-access-token-value';

function expectFailure(run: () => unknown, reason?: DecryptionFailure) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DecryptionError);
  if (reason) expect((caught as DecryptionError).reason).toBe(reason);
  expect((caught as Error).message).not.toContain(plaintext);
  return caught as DecryptionError;
}

describe('token cipher', () => {
  it('round-trips and uses the versioned format under the first key', () => {
    const ciphertext = encryptSecret({ plaintext, context, keyring: ring });
    expect(ciphertext).toMatch(/^v1\.k-new\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(readKeyId(ciphertext)).toBe('k-new');
    expect(ciphertext).not.toContain(plaintext);
    expect(decryptSecret({ ciphertext, context, keyring: ring })).toBe(plaintext);
  });

  it('round-trips empty and long unicode strings', () => {
    for (const value of ['', 'ü', '🔑 токен 秘密 '.repeat(2000)]) {
      const ciphertext = encryptSecret({ plaintext: value, context, keyring: ring });
      expect(decryptSecret({ ciphertext, context, keyring: ring })).toBe(value);
    }
  });

  it('gives equal plaintexts different ciphertexts', () => {
    const first = encryptSecret({ plaintext, context, keyring: ring });
    const second = encryptSecret({ plaintext, context, keyring: ring });
    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
  });

  it('decrypts values under an older key still in the ring', () => {
    const ciphertext = encryptSecret({ plaintext, context, keyring: createKeyring([oldKey]) });
    expect(readKeyId(ciphertext)).toBe('k-old');
    expect(decryptSecret({ ciphertext, context, keyring: ring })).toBe(plaintext);
  });

  it('rejects a key id missing from the ring', () => {
    const ciphertext = encryptSecret({ plaintext, context, keyring: ring });
    expectFailure(
      () => decryptSecret({ ciphertext, context, keyring: createKeyring([oldKey]) }),
      'unknown_key',
    );
  });

  it('rejects a value moved to another row, column or table', () => {
    const ciphertext = encryptSecret({ plaintext, context, keyring: ring });
    for (const moved of [
      { ...context, rowId: 'row-2' },
      { ...context, column: 'refresh_token' },
      { ...context, table: 'other_accounts' },
    ]) {
      expectFailure(
        () => decryptSecret({ ciphertext, context: moved, keyring: ring }),
        'authentication_failed',
      );
    }
  });

  it('rejects every single altered character', () => {
    const ciphertext = encryptSecret({ plaintext: 'short secret', context, keyring: ring });
    for (let index = 0; index < ciphertext.length; index += 1) {
      for (const replacement of ['A', 'B', '_', '.']) {
        if (ciphertext[index] === replacement) continue;
        const altered = ciphertext.slice(0, index) + replacement + ciphertext.slice(index + 1);
        expectFailure(() => decryptSecret({ ciphertext: altered, context, keyring: ring }));
      }
    }
  });

  it('rejects malformed values without echoing them', () => {
    const valid = encryptSecret({ plaintext, context, keyring: ring });
    const [, kid, iv, body, tag] = valid.split('.');
    for (const value of [
      '',
      plaintext,
      `v2.${kid}.${iv}.${body}.${tag}`,
      `v1.${kid}.${iv}.${body}`,
      `v1.${kid}.${iv}.${body}.${tag}.extra`,
      `v1.${kid}.${iv}=.${body}.${tag}`,
      `v1.${kid}.${iv?.slice(2)}.${body}.${tag}`,
      `v1.${kid}.${iv}.${body}.${tag?.slice(0, 20)}`,
    ]) {
      const error = expectFailure(
        () => decryptSecret({ ciphertext: value, context, keyring: ring }),
        'malformed',
      );
      if (value) expect(error.message).not.toContain(value);
    }
  });

  it('keeps key material out of the error', () => {
    const error = expectFailure(() =>
      decryptSecret({
        ciphertext: encryptSecret({ plaintext, context, keyring: ring }),
        context: { ...context, rowId: 'x' },
        keyring: ring,
      }),
    );
    const text = `${error.message} ${String(error.cause ?? '')} ${JSON.stringify(error)}`;
    for (const { key } of [newKey, oldKey]) {
      expect(text).not.toContain(key.toString('base64'));
      expect(text).not.toContain(key.toString('hex'));
    }
    expect(error.code).toBe('internal_error');
  });
});
