import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { mediaObjects, posts, postTargets } from '@/lib/db/schema';
import type { PostTargetSettings } from '@/lib/db/schema/posts';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { UPLOAD_ROUTES } from '@/lib/uploads/upload-protocol';

/** What the composer needs to edit a post: its choices, and its media as kept (not re-uploaded). */
export type EditablePost = {
  id: string;
  kind: 'video' | 'photo';
  mode: 'direct' | 'inbox';
  caption: string;
  description: string;
  coverIndex: number;
  scheduledAt: string | null;
  media: { id: string; fileName: string; contentType: string; url: string }[];
  targets: { accountId: string; settings: PostTargetSettings }[];
};

/** A scheduled post or draft of this workspace, for the composer's edit mode; null once it started. */
export async function getPostForEdit(
  db: Db,
  options: { workspaceId: string; userId: string; postId: string },
): Promise<EditablePost | null> {
  const { workspaceId } = options;
  await requireMembership(db, { workspaceId, userId: options.userId, roles: ['owner', 'admin'] });
  const [post] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, options.postId), eq(posts.workspaceId, workspaceId)));
  if (!post) throw new AppError({ code: 'not_found', message: 'This post does not exist.' });
  const targets = await db.select().from(postTargets).where(eq(postTargets.postId, post.id));
  const editable =
    (post.status === 'scheduled' || post.status === 'draft') &&
    targets.every((t) => t.stage === 'scheduled' && !t.initStartedAt && !t.publishId);
  if (!editable) return null;
  const media = await db
    .select()
    .from(mediaObjects)
    .where(and(eq(mediaObjects.workspaceId, workspaceId), inArray(mediaObjects.id, post.mediaIds)));
  const byId = new Map(media.map((m) => [m.id, m]));
  return {
    id: post.id,
    kind: post.kind,
    mode: post.mode,
    caption: post.caption,
    description: post.description,
    coverIndex: post.coverIndex,
    scheduledAt: post.scheduledAt?.toISOString() ?? null,
    media: post.mediaIds.flatMap((id) => {
      const m = byId.get(id);
      return m
        ? [{ id, fileName: m.fileName, contentType: m.contentType, url: UPLOAD_ROUTES.media(id) }]
        : [];
    }),
    targets: targets.map((t) => ({ accountId: t.accountId, settings: t.settings })),
  };
}
