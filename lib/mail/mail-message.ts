/** One e-mail as every template produces it: a readable plain-text body and a simple HTML twin. */
export type MailMessage = { to: string; subject: string; text: string; html: string };
