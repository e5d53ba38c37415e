import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** True when a sent mail really leaves (SMTP); false when it only lands in the log. */
  readonly delivers: boolean;
}

/**
 * SMTP when SMTP_URL is set. Without it every mail is written to the log, links included, so a person
 * running Klantwerk locally can follow them; never run a shared server without SMTP_URL.
 */
export function createMailer(options: { smtpUrl?: string; from: string; log: FastifyBaseLogger }): Mailer {
  return withoutPlaceholders(createTransportMailer(options));
}

/** People without an e-mail address have a placeholder in the reserved .invalid domain (RFC 2606): never mailed. */
export const isDeliverable = (address: string) => !address.toLowerCase().endsWith('.invalid');

function withoutPlaceholders(mailer: Mailer): Mailer {
  return {
    delivers: mailer.delivers,
    send: (mail) => (isDeliverable(mail.to) ? mailer.send(mail) : Promise.resolve()),
  };
}

function createTransportMailer(options: { smtpUrl?: string; from: string; log: FastifyBaseLogger }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      delivers: true,
      async send(mail) {
        await transport.sendMail({ from: options.from, ...mail });
        options.log.info({ mailTo: mail.to, subject: mail.subject }, 'mail sent');
      },
    };
  }
  return {
    delivers: false,
    async send(mail) {
      options.log.info(
        { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
        'mail (no SMTP_URL set, so it is written here instead of sent)',
      );
    },
  };
}

/** Counts what a mailer sends and fails to send (for /metrics); the failure still reaches the caller, which tries again later. */
export function countingMailer(mailer: Mailer, count: (outcome: 'sent' | 'failed') => void): Mailer {
  return {
    delivers: mailer.delivers,
    async send(mail) {
      try {
        await mailer.send(mail);
      } catch (err) {
        count('failed');
        throw err;
      }
      count('sent');
    },
  };
}

/**
 * Keeps every mail in memory: for tests and the e2e journeys that follow e-mailed links. It counts as
 * delivering (like SMTP) unless told otherwise; `delivers: false` plays an install without SMTP_URL.
 */
export function createMemoryMailer(options: { delivers?: boolean } = {}): Mailer & { outbox: Mail[] } {
  const outbox: Mail[] = [];
  return {
    outbox,
    delivers: options.delivers ?? true,
    async send(mail) {
      outbox.push(mail);
    },
  };
}
