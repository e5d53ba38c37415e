const SENSITIVE_PARAMS = /^(token|password|secret|code|key|signature|state|id_token|access_token)$/i;

/** The URL as it may appear in a log: values of sensitive query parameters are masked. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of [...params.keys()]) if (SENSITIVE_PARAMS.test(name)) params.set(name, 'redacted');
  return `${url.slice(0, q)}?${params.toString()}`;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  stack?: string;
  query?: string;
  cause?: unknown;
}

/**
 * Errors as they may appear in a log. Database errors keep their SQL but never the bound parameters
 * (they can hold personal data or password hashes); Drizzle repeats those in its message, so that goes too.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { message: String(err) };
  const e = err as ErrorLike;
  const out: Record<string, unknown> = { type: e.name ?? 'Error' };
  if (e.query !== undefined) {
    out.query = e.query;
    const cause = e.cause as ErrorLike | undefined;
    out.message = cause?.message ?? 'query failed';
    if (cause?.code) out.code = cause.code;
  } else {
    out.message = e.message;
    if (e.code) out.code = e.code;
    if (e.cause) out.cause = serializeError(e.cause);
  }
  if (e.stack)
    out.stack = e.stack
      .split('\n')
      .filter((l) => !l.includes('params:'))
      .join('\n');
  return out;
}
