import type { MailMessage } from './mail-message';
import { renderMail } from './render-mail';

// Every e-mail Tokdesk sends about an account. Links are absolute URLs built from APP_URL by the
// caller; the wording tells the reader what happens and what to do if it was not them.

export function confirmEmailMail({ to, url }: { to: string; url: string }): MailMessage {
  return renderMail({
    to,
    subject: 'Confirm your e-mail address for Tokdesk',
    intro: ['Welcome to Tokdesk. Confirm that this address is yours to finish creating your account.'],
    action: { label: 'Confirm my e-mail address', url },
    outro: [
      'The link works once, for 24 hours.',
      'If you did not create a Tokdesk account, ignore this e-mail: nothing happens without the link.',
    ],
  });
}

export function accountExistsMail({
  to,
  signInUrl,
  resetUrl,
}: {
  to: string;
  signInUrl: string;
  resetUrl: string;
}): MailMessage {
  return renderMail({
    to,
    subject: 'You already have a Tokdesk account',
    intro: [
      `Someone, probably you, tried to create a Tokdesk account for ${to}. This address already has one, so nothing was changed.`,
      `To get in, sign in at ${signInUrl}. Forgot the password? Set a new one with the link below.`,
    ],
    action: { label: 'Set a new password', url: resetUrl },
    outro: ['The link works once, for 30 minutes. If this was not you, ignore this e-mail.'],
  });
}

export function resetPasswordMail({ to, url }: { to: string; url: string }): MailMessage {
  return renderMail({
    to,
    subject: 'Reset your Tokdesk password',
    intro: ['Someone asked to reset the password of your Tokdesk account. Choose a new one here:'],
    action: { label: 'Choose a new password', url },
    outro: [
      'The link works once, for 30 minutes. Setting a new password signs out every other session.',
      'If you did not ask for this, ignore this e-mail: your password stays as it is.',
    ],
  });
}

export function passwordChangedMail({ to, forgotUrl }: { to: string; forgotUrl: string }): MailMessage {
  return renderMail({
    to,
    subject: 'Your Tokdesk password was changed',
    intro: [
      'The password of your Tokdesk account was just changed, and every other session was signed out.',
      `If this was not you, reset your password now at ${forgotUrl} and tell your workspace owner.`,
    ],
  });
}

export function invitationMail({
  to,
  inviterName,
  workspaceName,
  role,
  url,
}: {
  to: string;
  inviterName: string;
  workspaceName: string;
  role: string;
  url: string;
}): MailMessage {
  return renderMail({
    to,
    subject: `${inviterName} invited you to ${workspaceName} on Tokdesk`,
    intro: [
      `${inviterName} invited you to join ${workspaceName} on Tokdesk as ${role === 'admin' ? 'an admin' : 'an agent'}.`,
      'Tokdesk is where the team runs its TikTok accounts: publishing, direct messages and reports.',
    ],
    action: { label: `Join ${workspaceName}`, url },
    outro: [
      `The invitation is for ${to} and expires in 7 days. You will confirm this address before you join.`,
    ],
  });
}
