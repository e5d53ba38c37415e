import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as a local SMTP server received it, once per recipient of the envelope. */
export interface ReceivedMail {
  to: string;
  subject: string;
  /** The body with quoted-printable (or base64) undone. */
  text: string;
}

/** Undoes quoted-printable (soft line breaks and =XX bytes), as nodemailer writes long or non-ASCII text. */
export function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const joined = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function parse(raw: string): Omit<ReceivedMail, 'to'> {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => headers.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1] ?? '';
  const body = rest.join('\n\n');
  // A single part in base64 is decoded as a whole; anything else (quoted-printable, or the parts of a
  // multipart mail) has its quoted-printable undone.
  const text =
    header('Content-Transfer-Encoding').toLowerCase() === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : decodeQuotedPrintable(body);
  return { subject: decodeHeader(header('Subject')).replace(/\s+/g, ' ').trim(), text: text.replace(/\r\n/g, '\n') };
}

/**
 * A real SMTP server on loopback that keeps every mail it receives, for tests of mail that leaves the app
 * through SMTP: give the app its `url` (SMTP_URL, the `smtpUrl` option of createTestApp and startDemoServer).
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  /** Addresses the server refuses once (a mailbox that is busy), to see a failed send. */
  const refuseOnce = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuseOnce.delete(address.address)) return callback(new Error('mailbox busy, try later'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = parse(Buffer.concat(chunks).toString('utf8'));
        for (const r of session.envelope.rcptTo) received.push({ to: r.address, ...mail });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    refuseOnce,
    /** The mails that reached `to`, oldest first. */
    mailsTo: (to: string) => received.filter((m) => m.to === to),
    /** Waits (up to a few seconds) for a mail to `to` matching `match`. */
    async waitFor(to: string, match: (m: ReceivedMail) => boolean = () => true): Promise<ReceivedMail> {
      for (let i = 0; i < 100; i++) {
        const mail = received.find((m) => m.to === to && match(m));
        if (mail) return mail;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no mail to ${to} arrived`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The customer's reply-page link in a follow-up mail's text (voice follow-ups), if there is one. */
export const replyLinkIn = (text: string) =>
  text.match(/http:\/\/localhost:3000\/r\/answer\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/)?.[0];
