import { connectCallbackHandler } from '@/lib/accounts/connect-callback-handler';

// GET /api/connect/creator/callback – TikTok sends the browser here after its consent page.
export const GET = connectCallbackHandler('creator');
