import { afterEach, describe, expect, it, vi } from 'vitest';
import { logError, redactSecrets } from './log-error';

const MARKETING_TOKEN = '3f9a0c1be27d4a6b8c0d1e2f3a4b5c6d7e8f9a0b';
const SESSION_TOKEN = 'q2f1Wm0xZk9Ybl8tY2hhbmdlLXRoaXMtc2Vzc2lvbi10b2tlbg';
const PASSWORD_HASH = 'scrypt$131072$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA';

describe('redactSecrets', () => {
  it.each([
    ['Login Kit access token', 'token act.sbx1234567890abcdef rejected', 'act.sbx1234567890abcdef'],
    ['Business refresh token', 'refresh with brt.sbx_abcdef123456 failed', 'brt.sbx_abcdef123456'],
    ['Marketing token without prefix', `advertiser token ${MARKETING_TOKEN} is invalid`, MARKETING_TOKEN],
    ['Marketing token in an Access-Token header', `Access-Token: ${MARKETING_TOKEN}`, MARKETING_TOKEN],
    [
      'access_token inside JSON',
      '{"code":0,"data":{"access_token":"opaque-token-value","scope":[1,2]}}',
      'opaque-token-value',
    ],
    ['refresh_token inside JSON with spaces', '{ "refresh_token" : "rt-value-123" }', 'rt-value-123'],
    ['client_secret as a form field', 'client_key=abc&client_secret=s3cr3t&code=xyz', 's3cr3t'],
    ['code as a query parameter', 'GET /callback?code=auth-code-1&state=s', 'auth-code-1'],
    ['Bearer token', 'Authorization: Bearer eyJhbGciOi.payload.sig', 'eyJhbGciOi.payload.sig'],
    [
      'session token in a failed query',
      `Failed query: insert into "sessions" ("session_token", "user_id", "expires") values ($1, $2, $3)\nparams: ${SESSION_TOKEN},0b6c…,2026-01-01`,
      SESSION_TOKEN,
    ],
    [
      'password hash and e-mail in a failed query',
      `Failed query: insert into "users" ("name", "email", "password_hash") values ($1, $2, $3)\nparams: Ann,ann@example.com,${PASSWORD_HASH}`,
      PASSWORD_HASH,
    ],
    ['password hash anywhere', `stored ${PASSWORD_HASH} does not parse`, PASSWORD_HASH],
    [
      'e-mail in a constraint detail',
      'Key (email)=(victim@example.com) already exists.',
      'victim@example.com',
    ],
    [
      'e-mail in free text',
      'no workspace for bob.smith+tok@mail.example.org',
      'bob.smith+tok@mail.example.org',
    ],
  ])('masks a %s', (_what, input, secret) => {
    const output = redactSecrets(input);
    expect(output).not.toContain(secret);
    expect(output).toMatch(/\[redacted\]|\[email\]/);
  });

  it('keeps what is needed to debug: the SQL, the table and the error', () => {
    const output = redactSecrets(
      'Failed query: select "id" from "users" where "email" = $1\nparams: ann@example.com',
    );
    expect(output).toBe('Failed query: select "id" from "users" where "email" = $1\nparams: [redacted]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'TikTok answered 503 after 3 attempts (request id 20240101abc)';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('logError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('masks secrets in the cause chain of a database error', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => lines.push(line));
    const cause = new Error('duplicate key value violates unique constraint "sessions_pkey"');
    const error = new Error(`Failed query: insert into "sessions" values ($1)\nparams: ${SESSION_TOKEN}`, {
      cause,
    });
    logError('sign-in', error);
    expect(lines.join('\n')).not.toContain(SESSION_TOKEN);
    expect(lines.join('\n')).toContain('sessions_pkey');
  });
});
