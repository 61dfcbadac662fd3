/** The nine scopes Chatwoot requests (reference 1.2); granted unless told otherwise. */
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
];
