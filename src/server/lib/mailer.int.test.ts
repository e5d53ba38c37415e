import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './mailer';

// A real SMTP conversation with a small local server: the mail that leaves is the mail that arrives.

let server: SMTPServer;
let port: number;
const received: { from: string; to: string[]; data: string }[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('mail over SMTP', () => {
  it('sends when SMTP_URL is set, from MAIL_FROM, and logs no body', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Klantwerk <noreply@kroon.example>',
      log,
    });
    await mailer.send({
      to: 'lisa@dekroon.example',
      subject: 'Welkom bij Hotel De Kroon',
      text: 'Je link: https://x/invite#token=geheim123',
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'noreply@kroon.example', to: ['lisa@dekroon.example'] });
    expect(received[0]!.data).toContain('Welkom bij Hotel De Kroon');
    expect(received[0]!.data).toContain('geheim123');
    expect(lines.join('')).not.toContain('geheim123');
  });
});
