/** Business Messaging behaviour the control API can change; reset restores these defaults. */
export type BusinessSettings = {
  /**
   * `opaque`: base64-like ids holding a `+` (the Go SDK warns it must be URL-encoded), written as
   * JSON strings, as the references show them. `numeric`: 19-digit ids written as bare JSON numbers.
   */
  conversationIdFormat: 'opaque' | 'numeric';
  /** `number`: message ids are bare 19-digit JSON numbers (beyond 2^53); `string`: quoted. */
  messageIdFormat: 'number' | 'string';
  /** Business messages allowed per customer message (third-party docs say 10). */
  messageBudget: number;
  /** Hours after the customer's last message in which the business may reply. */
  replyWindowHours: number;
};

export const DEFAULT_BUSINESS_SETTINGS: BusinessSettings = {
  conversationIdFormat: 'opaque',
  messageIdFormat: 'number',
  messageBudget: 10,
  replyWindowHours: 48,
};

export function settingsProblem(patch: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'conversationIdFormat' && value !== 'opaque' && value !== 'numeric')
      return 'conversationIdFormat must be opaque or numeric';
    if (key === 'messageIdFormat' && value !== 'number' && value !== 'string')
      return 'messageIdFormat must be number or string';
    if (
      (key === 'messageBudget' || key === 'replyWindowHours') &&
      !(Number.isInteger(value) && (value as number) >= 0)
    )
      return `${key} must be a non-negative integer`;
    if (!(key in DEFAULT_BUSINESS_SETTINGS)) return `unknown setting ${key}`;
  }
  return null;
}

/** Keys whose digit-only values go on the wire as bare JSON numbers. */
export function int64Keys(settings: BusinessSettings): string[] {
  // Opaque conversation ids are not digit-only, so listing the key is harmless for them.
  const keys = ['conversation_id'];
  if (settings.messageIdFormat === 'number') keys.push('message_id', 'referenced_message_id');
  return keys;
}
