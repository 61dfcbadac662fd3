/** Audit actions with the sentence the audit log shows for each. Later features append theirs. */
export const AUDIT_ACTIONS = {
  'user.signed_up': 'signed up',
  'user.signed_in': 'signed in',
  'user.email_confirmed': 'confirmed their e-mail address',
  'user.password_reset': 'set a new password by e-mail',
  'workspace.created': 'created the workspace',
  'workspace.settings_changed': 'changed the workspace settings',
  'invitation.sent': 'invited a teammate',
  'invitation.revoked': 'revoked an invitation',
  'invitation.accepted': 'accepted an invitation',
  'member.role_changed': 'changed a member’s role',
  'member.removed': 'removed a member',
  'member.left': 'left the workspace',
  'tiktok_account.connected': 'connected a TikTok account',
  'tiktok_account.reconnected': 'reconnected a TikTok account',
  'tiktok_account.disconnected': 'disconnected a TikTok account',
  'tiktok_account.needs_reconnect': 'flagged a TikTok account for reconnecting',
  'tiktok_account.refresh_expiring': 'warned that a TikTok connection runs out soon',
  'job.retried': 'retried a background job',
  'reports.settings_changed': 'changed the report settings',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
