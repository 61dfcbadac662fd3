import { randomUUID } from 'node:crypto';
import { type TikTokAccountKind, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type CreateTestTiktokAccountOptions = {
  workspaceId: string;
  kind?: TikTokAccountKind;
  tiktokId?: string;
  username?: string;
};

/**
 * A connected account row as the connect flow leaves it. The token columns hold placeholders, not
 * real ciphertexts: tests using this factory never decrypt them.
 */
export async function createTestTiktokAccount(db: Db, options: CreateTestTiktokAccountOptions) {
  const [row] = await db
    .insert(tiktokAccounts)
    .values({
      workspaceId: options.workspaceId,
      kind: options.kind ?? 'creator',
      tiktokId: options.tiktokId ?? `open-${randomUUID()}`,
      username: options.username ?? `creator_${randomUUID().slice(0, 8)}`,
      displayName: 'Test Creator',
      scopes: ['user.info.basic'],
      accessToken: 'placeholder-access',
      refreshToken: 'placeholder-refresh',
      accessTokenExpiresAt: new Date(Date.now() + 3600_000),
      refreshTokenExpiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  return row!;
}
