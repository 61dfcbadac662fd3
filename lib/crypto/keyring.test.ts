import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyring, generateKeyEntry, KeyringError, loadKeyring, parseKeyring } from './keyring';

const dir = mkdtempSync(path.join(tmpdir(), 'tokdesk-keyring-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keyring', () => {
  it('parses TOKEN_ENCRYPTION_KEYS with the first entry as primary', () => {
    const first = generateKeyEntry('k2');
    const ring = parseKeyring(` ${first}, ${generateKeyEntry('k1')} `);
    expect(ring.primary.kid).toBe('k2');
    expect(ring.primary.key.toString('base64')).toBe(first.split(':')[1]);
    expect([...ring.keys.keys()]).toEqual(['k2', 'k1']);
  });

  it('rejects bad entries without echoing key material', () => {
    const secret = randomBytes(16).toString('base64');
    for (const value of ['', `k1:${secret}`, `bad.kid:${randomBytes(32).toString('base64')}`, secret]) {
      let caught: unknown;
      try {
        parseKeyring(value);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(KeyringError);
      expect((caught as Error).message).not.toContain(secret);
    }
    const key = randomBytes(32);
    expect(() =>
      createKeyring([
        { kid: 'same', key },
        { kid: 'same', key },
      ]),
    ).toThrow(KeyringError);
  });

  it('prefers the configured value over a local key', () => {
    const value = generateKeyEntry('prod1');
    expect(loadKeyring({ value, isProduction: true }).primary.kid).toBe('prod1');
  });

  it('refuses to generate a key in production', () => {
    expect(() => loadKeyring({ isProduction: true, keyFile: path.join(dir, 'never') })).toThrow(KeyringError);
  });

  it('creates a private local key once and reuses it across restarts', () => {
    const keyFile = path.join(dir, 'nested', 'token-encryption-key');
    const first = loadKeyring({ isProduction: false, keyFile });
    const second = loadKeyring({ isProduction: false, keyFile });
    expect(second.primary.kid).toBe(first.primary.kid);
    expect(second.primary.key.equals(first.primary.key)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^local-[0-9a-f]{8}:[A-Za-z0-9+/]{43}=\n$/);
  });
});
