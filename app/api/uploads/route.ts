import { withRoute } from '@/lib/http/with-route';
import { createUpload } from '@/lib/media/create-upload';
import { getStorage } from '@/lib/storage/get-storage';
import { createUploadBody } from '@/lib/uploads/upload-protocol';

// POST /api/uploads – start a browser upload in the current (or X-Workspace-Id) workspace.
export const POST = withRoute(
  {
    access: 'workspace',
    body: createUploadBody,
    maxBodyBytes: 8 * 1024,
    rateLimit: { policy: 'uploads', by: 'user' },
  },
  async ({ db, body, user, workspace }) =>
    Response.json(
      {
        upload: await createUpload(db, getStorage(), { ...body, workspaceId: workspace.id, userId: user.id }),
      },
      { status: 201 },
    ),
);
