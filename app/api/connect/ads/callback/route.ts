import { connectCallbackHandler } from '@/lib/accounts/connect-callback-handler';

// GET /api/connect/ads/callback – TikTok sends the browser here after its consent page.
export const GET = connectCallbackHandler('ads');
