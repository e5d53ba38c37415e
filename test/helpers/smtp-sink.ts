import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createMailer, type Mail, type Mailer } from '../../src/server/lib/mailer';

/** A mail as a local SMTP server received it: the envelope's recipient and the decoded text. */
export interface ReceivedMail {
  to: string;
  /** The whole message as it arrived, headers and quoted-printable body decoded to text. */
  text: string;
}

/** Undoes quoted-printable (soft line breaks, =XX bytes) so a test can read the body as sent. */
export function decodeQuotedPrintable(data: string): string {
  const bytes: number[] = [];
  const unfolded = data.replace(/=\r?\n/g, '');
  for (let i = 0; i < unfolded.length; i++) {
    const hex = unfolded.slice(i + 1, i + 3);
    if (unfolded[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(unfolded[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * A small SMTP server on loopback that keeps what it receives, and a mailer that sends to it over a
 * real SMTP conversation (keeping an outbox too, as the memory mailer does, for the helpers that read it).
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  /** Addresses the server refuses once (a mailbox that is busy), to see a failed send. */
  const refuseOnce = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (refuseOnce.delete(address.address)) return callback(new Error('mailbox busy, try later'));
      callback();
    },
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) received.push({ to: r.address, text: decodeQuotedPrintable(data) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const smtp = createMailer({ smtpUrl: url, from: 'Klantwerk <noreply@kw.example>', log: pino({ level: 'silent' }) });
  const outbox: Mail[] = [];
  const mailer: Mailer & { outbox: Mail[] } = {
    outbox,
    delivers: true,
    async send(mail) {
      await smtp.send(mail);
      outbox.push(mail);
    },
  };
  return {
    url,
    received,
    refuseOnce,
    mailer,
    /** The mails that reached `to`, oldest first. */
    mailsTo: (to: string) => received.filter((m) => m.to === to),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
