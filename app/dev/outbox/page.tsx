import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Fragment } from 'react';
import { Logo } from '@/components/logo';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { listOutbox } from '@/lib/mail/list-outbox';

export const metadata: Metadata = { title: 'Outbox (development)', robots: { index: false } };

const URL_PATTERN = /(https?:\/\/[^\s]+)/g;

/** Plain-text body with its links clickable: the links are what a developer came here for. */
function Body({ text }: { text: string }) {
  let offset = 0;
  const parts = text.split(URL_PATTERN).map((part, index) => {
    const key = offset;
    offset += part.length;
    return { key, part, isLink: index % 2 === 1 };
  });
  return (
    <pre className="whitespace-pre-wrap break-words font-sans text-sm text-slate-700">
      {parts.map(({ key, part, isLink }) =>
        isLink ? (
          <a key={key} href={part} className="break-all text-brand-700 underline">
            {part}
          </a>
        ) : (
          <Fragment key={key}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

/**
 * E-mails kept instead of sent when no SMTP server is configured. Exists only then: with SMTP (or
 * in production without EMAIL_OUTBOX=1) the page is a 404.
 */
export default async function OutboxPage() {
  if (env.mailTransport !== 'outbox') notFound();
  const emails = await listOutbox(await getDb());
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <Logo className="mb-6" />
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Outbox</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        No mail server is configured, so Tokdesk keeps its e-mails here instead of sending them (newest first,
        kept for 7 days). Set <code>SMTP_URL</code> and <code>EMAIL_FROM</code> to send them for real.
      </p>
      {emails.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-500">
          No e-mails yet. Sign up, ask for a password reset or invite a teammate, then reload.
        </p>
      ) : (
        <ol className="space-y-4" aria-label="E-mails">
          {emails.map((email) => (
            <li key={email.id}>
              <article
                data-testid="outbox-email"
                className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:p-5"
              >
                <header className="mb-3 border-b border-slate-100 pb-3">
                  <h2 className="font-medium text-slate-900">{email.subject}</h2>
                  <p className="mt-1 text-xs text-slate-500">
                    To <span data-testid="outbox-to">{email.to}</span> ·{' '}
                    <time dateTime={email.createdAt.toISOString()}>
                      {email.createdAt.toLocaleString('en-GB', {
                        dateStyle: 'medium',
                        timeStyle: 'medium',
                        timeZone: 'UTC',
                      })}{' '}
                      UTC
                    </time>
                  </p>
                </header>
                <Body text={email.text} />
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
