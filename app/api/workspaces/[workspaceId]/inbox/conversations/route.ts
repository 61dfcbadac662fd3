import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { INBOX_FILTERS, listConversations } from '@/lib/inbox/list-conversations';

const querySchema = z.object({
  filter: z.enum(INBOX_FILTERS).default('all'),
  status: z.enum(['open', 'resolved']).default('open'),
  account: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(300).optional(),
});

// GET /api/workspaces/:workspaceId/inbox/conversations – one page of the list for a filter.
export const GET = withRoute(
  { access: 'workspace', query: querySchema },
  async ({ db, query, user, workspace }) =>
    listConversations(db, {
      workspaceId: workspace.id,
      userId: user.id,
      filter: query.filter,
      status: query.status,
      accountId: query.account,
      q: query.q,
      cursor: query.cursor,
    }),
);
