import { SECRET_PREFIXES } from '../core/config';
import { randomId } from '../core/users';

export type AdsToken = {
  accessToken: string;
  appId: string;
  advertiserIds: string[];
  createdAtMs: number;
  /** Long-term tokens have no timer; they die only by revoke or the control API. */
  revoked: boolean;
};

export class AdsTokenStore {
  private tokens = new Map<string, AdsToken>();

  issue(input: Omit<AdsToken, 'accessToken' | 'revoked'>): AdsToken {
    // 40 hex characters, the length of a real Marketing API token, after the sandbox prefix.
    const token: AdsToken = {
      ...input,
      accessToken: randomId(`${SECRET_PREFIXES.adsAccess}.`, 20),
      revoked: false,
    };
    this.tokens.set(token.accessToken, token);
    return token;
  }

  get(accessToken: string) {
    return this.tokens.get(accessToken);
  }

  all() {
    return [...this.tokens.values()];
  }

  clear() {
    this.tokens.clear();
  }

  snapshot() {
    return this.all();
  }

  restore(tokens: AdsToken[]) {
    this.tokens = new Map(tokens.map((t) => [t.accessToken, t]));
  }
}
