import { SECRET_PREFIXES, type TokenLifetimes } from '../core/config';
import { randomId } from '../core/users';

export type BusinessToken = {
  accessToken: string;
  refreshToken: string;
  appId: string;
  openId: string;
  userId: string;
  scopes: string[];
  accessExpiresAtMs: number;
  refreshExpiresAtMs: number;
  /** Set by revoke, by the control API, or when the refresh token was rotated away. */
  accessRevoked: boolean;
  refreshUsed: boolean;
};

type IssueInput = Pick<BusinessToken, 'appId' | 'openId' | 'userId' | 'scopes'> & {
  nowMs: number;
  lifetimes: TokenLifetimes;
};

/** Business-account (`tt_user`) tokens: short-lived access plus a refresh token that rotates. */
export class BusinessTokenStore {
  private byAccess = new Map<string, BusinessToken>();
  private byRefresh = new Map<string, BusinessToken>();
  /** Every webhook looks up the tokens of one account; benches have thousands of accounts. */
  private byAccount = new Map<string, BusinessToken[]>();

  issue({ nowMs, lifetimes, ...rest }: IssueInput): BusinessToken {
    const token: BusinessToken = {
      ...rest,
      accessToken: randomId(`${SECRET_PREFIXES.businessAccess}.`, 24),
      refreshToken: randomId(`${SECRET_PREFIXES.businessRefresh}.`, 24),
      accessExpiresAtMs: nowMs + lifetimes.accessSeconds * 1000,
      refreshExpiresAtMs: nowMs + lifetimes.refreshSeconds * 1000,
      accessRevoked: false,
      refreshUsed: false,
    };
    this.add(token);
    return token;
  }

  byAccessToken(accessToken: string) {
    return this.byAccess.get(accessToken);
  }

  byRefreshToken(refreshToken: string) {
    return this.byRefresh.get(refreshToken);
  }

  /** Every token of one business account for one app (revoke ends them all). */
  forGrant(appId: string, openId: string) {
    return this.forAccount(openId).filter((t) => t.appId === appId);
  }

  forAccount(openId: string) {
    return this.byAccount.get(openId) ?? [];
  }

  all() {
    return [...this.byAccess.values()];
  }

  clear() {
    this.byAccess.clear();
    this.byRefresh.clear();
    this.byAccount.clear();
  }

  snapshot(): BusinessToken[] {
    return this.all();
  }

  restore(tokens: BusinessToken[]) {
    this.clear();
    for (const token of tokens) this.add(token);
  }

  private add(token: BusinessToken) {
    this.byAccess.set(token.accessToken, token);
    this.byRefresh.set(token.refreshToken, token);
    this.byAccount.set(token.openId, [...this.forAccount(token.openId), token]);
  }
}
