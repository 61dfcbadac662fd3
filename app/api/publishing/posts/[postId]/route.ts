import { withRoute } from '@/lib/http/with-route';
import { postInputSchema } from '@/lib/publishing/post-input';
import { updatePost } from '@/lib/publishing/update-post';

// PATCH /api/publishing/posts/:postId – edit a scheduled post or a draft before it starts.
export const PATCH = withRoute(
  { access: 'workspace', roles: ['owner', 'admin'], body: postInputSchema, maxBodyBytes: 64 * 1024 },
  async ({ db, body, params, user, workspace }) =>
    Response.json({
      post: await updatePost(db, {
        workspaceId: workspace.id,
        userId: user.id,
        postId: String(params.postId ?? ''),
        input: body,
      }),
    }),
);
