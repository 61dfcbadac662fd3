/**
 * The nine scopes of a Business account connection (business reference 1.2, as Chatwoot requests
 * them). All are required: the inbox needs the message scopes, the dashboard the profile and stats.
 */
export const BUSINESS_SCOPES = [
  'user.info.basic',
  'user.info.username',
  'user.info.stats',
  'user.info.profile',
  'user.account.type',
  'user.insights',
  'message.list.read',
  'message.list.send',
  'message.list.manage',
] as const;
