import { withRoute } from '@/lib/http/with-route';
import { createPost } from '@/lib/publishing/create-post';
import { postInputSchema } from '@/lib/publishing/post-input';

// POST /api/publishing/posts – publish (now or scheduled) or save a draft, one job per account.
export const POST = withRoute(
  { access: 'workspace', roles: ['owner', 'admin'], body: postInputSchema, maxBodyBytes: 64 * 1024 },
  async ({ db, body, user, workspace }) =>
    Response.json(
      { post: await createPost(db, { workspaceId: workspace.id, userId: user.id, input: body }) },
      { status: 201 },
    ),
);
