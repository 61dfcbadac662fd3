import { encode } from 'next-auth/jwt';
import { createSessionRow } from '../../lib/auth/session-rows';
import { memberships, users, workspaces } from '../../lib/db/schema';
import type { Db } from '../../lib/db/types';

export type SeededWorkspace = {
  workspaceId: string;
  memberIds: string[];
  /** One signed-in session per member, as the `cookie` header a browser would send. */
  cookies: string[];
};

/**
 * A workspace with `members` people (the first one owner, the others agents), each signed in with
 * a real session row and an Auth.js session cookie minted with the app's `AUTH_SECRET`: the live
 * benches' "browsers".
 */
export async function seedWorkspaceMembers(
  db: Db,
  options: { members: number; authSecret: string; name: string; slug: string },
): Promise<SeededWorkspace> {
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: options.name, slug: options.slug })
    .returning();
  const workspaceId = workspace?.id ?? '';
  const members = await db
    .insert(users)
    .values(
      Array.from({ length: options.members }, (_, i) => ({
        name: `Agent ${i}`,
        email: `agent-${i}@bench.test`,
      })),
    )
    .returning({ id: users.id });
  await db.insert(memberships).values(
    members.map(({ id }, i) => ({
      workspaceId,
      userId: id,
      role: i === 0 ? ('owner' as const) : ('agent' as const),
    })),
  );
  const cookies = await Promise.all(
    members.map(async ({ id }) => {
      const sid = await createSessionRow(db, id);
      const token = await encode({
        token: { sub: id, uid: id, sid },
        secret: options.authSecret,
        salt: 'authjs.session-token',
      });
      return `authjs.session-token=${token}`;
    }),
  );
  return { workspaceId, memberIds: members.map(({ id }) => id), cookies };
}
