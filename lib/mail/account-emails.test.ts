import { describe, expect, it } from 'vitest';
import { invitationMail, resetPasswordMail } from './account-emails';

describe('account e-mails', () => {
  it('carry the link in full in the text body and as a button in the HTML', () => {
    const url = 'https://tokdesk.example/reset-password?token=abc_123';
    const mail = resetPasswordMail({ to: 'ann@example.com', url });
    expect(mail.subject).toBe('Reset your Tokdesk password');
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('30 minutes');
    expect(mail.html).toContain(`href="${url}"`);
  });

  it('escape everything a user typed before it reaches the HTML', () => {
    const mail = invitationMail({
      to: 'bob@example.com',
      inviterName: '<img src=x onerror=alert(1)>',
      workspaceName: 'Acme & "Friends"',
      role: 'agent',
      url: 'https://tokdesk.example/invite/t',
    });
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(mail.html).toContain('Acme &#38; &#34;Friends&#34;');
    expect(mail.text).toContain('Acme & "Friends"');
  });
});
