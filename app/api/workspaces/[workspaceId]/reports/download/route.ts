import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { streamReportCsv } from '@/lib/reports/stream-report-csv';
import { getStorage } from '@/lib/storage/get-storage';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.');
const query = z.object({ accountId: z.string().min(1).max(100), from: isoDate, to: isoDate });

// GET /api/workspaces/:workspaceId/reports/download?accountId=&from=&to= – one account's CSV for a
// day (the stored file, byte for byte) or a range (streamed file by file). Owners and admins.
export const GET = withRoute(
  { access: 'workspace', roles: ['owner', 'admin'], query },
  async ({ db, query, user, workspace }) =>
    streamReportCsv(db, getStorage(), { workspaceId: workspace.id, userId: user.id, ...query }),
);
