import type { MailMessage } from './mail-message';

export type MailContent = {
  to: string;
  subject: string;
  /** Paragraphs before the button. */
  intro: string[];
  /** The one thing the e-mail asks for; the link is also printed in full for plain-text readers. */
  action?: { label: string; url: string };
  /** Paragraphs after the button: expiry, "if this wasn't you". */
  outro?: string[];
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * Turns structured content into the text and HTML bodies. Hand-written rather than a template
 * engine: five short e-mails with one layout, and every value escaped in one place.
 */
export function renderMail({ to, subject, intro, action, outro = [] }: MailContent): MailMessage {
  const text = [...intro, ...(action ? [`${action.label}:\n${action.url}`] : []), ...outro, '— Tokdesk'].join(
    '\n\n',
  );

  const paragraph = (value: string) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(value)}</p>`;
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#e11d48;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#475569">Or paste this link into your browser:<br><a href="${escapeHtml(action.url)}" style="color:#be123c;word-break:break-all">${escapeHtml(action.url)}</a></p>`
    : '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="margin:0;padding:24px;background:#f8fafc;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#0f172a"><div style="max-width:520px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;padding:24px"><p style="margin:0 0 20px;font-weight:700;font-size:18px">Tokdesk</p>${intro.map(paragraph).join('')}${button}${outro.map(paragraph).join('')}</div></body></html>`;
  return { to, subject, text, html };
}
