import { ApiError, CODES } from './api-error';
import type { BusinessState } from './business-state';
import type { BusinessToken } from './token-store';

/**
 * The token's conversation or a 40002. An unencoded `+` in the id arrives as a space and fails here
 * with the same message TikTok gives.
 */
export function findOwnConversation(state: BusinessState, token: BusinessToken, conversationId: string) {
  const conversation = state.conversations.get(conversationId);
  if (!conversation || conversation.businessOpenId !== token.openId)
    throw new ApiError(CODES.invalidParam, 'Param conversation_id is invalid.');
  return conversation;
}
