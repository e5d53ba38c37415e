import type pino from 'pino';
import { redactUrl, serializeError } from './redact';

/** Where members send their answers to a round of core questions, however the path is spelled (percent-encoded too). */
const ANSWERS_PATH = /\/campaigns\/[^/?#]+\/answers\/?(?:[?#]|$)/i;
function isAnswersPath(url: string) {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // A malformed escape: tested as it came.
  }
  return ANSWERS_PATH.test(url) || ANSWERS_PATH.test(decoded);
}

export function loggerOptions(level: string): pino.LoggerOptions {
  return {
    level,
    // Secrets never reach a log line: no headers are logged, and these paths are masked wherever they appear.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      // An answer to core questions is logged without the address it came from: beside it, the address
      // would say who answered (and when) to anyone who reads the logs.
      req: (req: { method: string; url: string; id: unknown; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        requestId: req.id,
        ip: isAnswersPath(req.url) ? undefined : req.ip,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
  };
}
