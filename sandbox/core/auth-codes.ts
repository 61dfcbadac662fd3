import { randomId } from './users';

export type AuthCode = {
  code: string;
  appKind: 'login-kit' | 'business' | 'marketing';
  appId: string;
  userId: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string | null;
  /** For marketing codes: the advertiser ids the user picked on the portal page. */
  advertiserIds: string[];
  expiresAtMs: number;
  used: boolean;
};

/** Authorization codes minted by the consent pages; single use, short-lived. */
export class AuthCodeStore {
  private codes = new Map<string, AuthCode>();

  /** `suffix` lets a surface mimic its real code alphabet (Login Kit codes end in `*` and `!`). */
  issue(input: Omit<AuthCode, 'code' | 'used'>, prefix: string, suffix = ''): AuthCode {
    const code: AuthCode = { ...input, code: `${randomId(`${prefix}_`, 20)}${suffix}`, used: false };
    this.codes.set(code.code, code);
    return code;
  }

  /**
   * Looks a code up and marks it used. Returns the reason for refusal instead of the code
   * when it is unknown, already used or expired, so each surface can word its own error.
   */
  consume(code: string, nowMs: number): AuthCode | 'unknown' | 'used' | 'expired' {
    const found = this.codes.get(code);
    if (!found) return 'unknown';
    if (found.used) return 'used';
    if (found.expiresAtMs <= nowMs) return 'expired';
    found.used = true;
    return found;
  }

  clear() {
    this.codes.clear();
  }
}
