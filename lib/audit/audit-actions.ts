/** Audit actions with the sentence the audit log shows for each. Later features append theirs. */
export const AUDIT_ACTIONS = {
  'user.signed_up': 'signed up',
  'user.signed_in': 'signed in',
  'workspace.created': 'created the workspace',
  'invitation.sent': 'invited a teammate',
  'invitation.revoked': 'revoked an invitation',
  'invitation.accepted': 'accepted an invitation',
  'member.role_changed': 'changed a member’s role',
  'member.removed': 'removed a member',
  'member.left': 'left the workspace',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
