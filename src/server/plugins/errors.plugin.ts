import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { FieldError, Problem } from '../../contracts/common.contract';
import type { ErrorCode, Language } from '../../contracts/constants';
import { DATABASE_RETRY_AFTER_SECONDS } from '../db/availability';
import { AppError } from '../lib/app-error';
import { escapeHtml, sendHtml } from '../lib/html-page';
import { languageFromHeader, translate } from '../lib/i18n';
import { isApiPath, routePath } from '../lib/route-path';

const PROBLEM_TYPE_BASE = 'https://klantwerk.app/problems/';

function requestLanguage(request: FastifyRequest): Language {
  return request.auth?.language ?? languageFromHeader(request.headers['accept-language']);
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  extra: { detail?: string; errors?: FieldError[] } = {},
): FastifyReply {
  const problem: Problem = {
    type: PROBLEM_TYPE_BASE + code,
    title: translate(requestLanguage(request), `errors.${code}`),
    status,
    code,
    requestId: String(request.id),
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.errors?.length ? { errors: extra.errors } : {}),
  };
  return reply.code(status).type('application/problem+json').serializer(JSON.stringify).send(problem);
}

/**
 * PostgreSQL errors caused by the input rather than by the server. Kept short on purpose: the zod
 * schemas check input first, so most database errors are our bugs and must show as 500 (and be logged).
 */
const PG_INPUT_ERRORS: Record<string, { status: number; code: ErrorCode }> = {
  '23505': { status: 409, code: 'conflict' }, // unique_violation
  '23503': { status: 404, code: 'not_found' }, // foreign_key_violation: a referenced row is missing
  '22021': { status: 400, code: 'validation_failed' }, // character_not_in_repertoire
  '22001': { status: 400, code: 'validation_failed' }, // string_data_right_truncation
  '22003': { status: 400, code: 'validation_failed' }, // numeric_value_out_of_range
  '22007': { status: 400, code: 'validation_failed' }, // invalid_datetime_format
  '22008': { status: 400, code: 'validation_failed' }, // datetime_field_overflow
};

function pgCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

interface ErrorsOptions {
  /** Reports an error to the database watch; true when it means the database is away (logged there, once per outage). */
  databaseFailed(err: unknown): boolean;
  /** Counts a failed query that became a 500 (klantwerk_db_errors_total{kind="query"}). */
  queryFailed(): void;
}

/**
 * One error format for the whole API: application/problem+json with a stable code, the request id
 * and per-field errors. No stack trace leaves the server. A database that cannot be reached is a 503
 * with Retry-After, never a 500, and is not logged per request.
 */
export const errorsPlugin = fp(async (app: FastifyInstance, options: ErrorsOptions) => {
  app.setErrorHandler(async (failure: FastifyError, request, reply) => {
    let err = failure;
    // A write that deferred its session check (access.plugin, sessionCheckedByWrite) and failed before its
    // statement ran (a body that does not parse, is too large or is not JSON): a session that is gone is
    // answered first, as on every other route.
    if (request.deferredSession) {
      try {
        await request.deferredSession.check();
      } catch (refused) {
        err = refused as FastifyError;
      }
    }
    if (options.databaseFailed(err)) {
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      // The server's own pages (sign-in, the customer's reaction page) say it in a page, not in JSON.
      if (!isApiPath(routePath(request)) && /\btext\/html\b/.test(request.headers.accept ?? '')) {
        const language = requestLanguage(request);
        const message = escapeHtml(translate(language, 'errors.database_unavailable'));
        return sendHtml(
          reply,
          503,
          `<!doctype html><html lang="${language}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Klantwerk</title><p style="font:16px system-ui,sans-serif;max-width:30em;margin:3em auto;padding:0 1em">${message}</p></html>`,
        );
      }
      return sendProblem(request, reply, 503, 'database_unavailable');
    }
    if (err instanceof AppError) {
      if (err.details.headers) reply.headers(err.details.headers);
      return sendProblem(request, reply, err.status, err.code, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) => ({
        path: [err.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'),
        code: String(
          v.params?.issue && typeof v.params.issue === 'object'
            ? (v.params.issue as { code?: string }).code
            : v.keyword,
        ),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(request, reply, 400, 'validation_failed', { errors });
    }
    if (isResponseSerializationError(err)) {
      request.log.error(
        { err: { message: err.message, issues: err.cause.issues } },
        'response did not match its schema',
      );
      return sendProblem(request, reply, 500, 'internal');
    }
    const fastifyCodes: Record<string, { status: number; code: ErrorCode }> = {
      FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
      FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_json' },
      FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
      FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
      FST_ERR_RATE_LIMIT: { status: 429, code: 'too_many_requests' },
    };
    const known = err.code ? fastifyCodes[err.code] : undefined;
    if (known) return sendProblem(request, reply, known.status, known.code);
    if (err.statusCode === 400 && err instanceof SyntaxError) return sendProblem(request, reply, 400, 'invalid_json');

    const pg = pgCode(err);
    const mapped = pg ? PG_INPUT_ERRORS[pg] : undefined;
    if (mapped) {
      request.log.warn({ pgCode: pg }, 'database refused the input');
      return sendProblem(request, reply, mapped.status, mapped.code);
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(request, reply, err.statusCode, err.statusCode === 404 ? 'not_found' : 'validation_failed');
    }
    if (pg) options.queryFailed();
    request.log.error({ err }, 'unhandled error');
    return sendProblem(request, reply, 500, 'internal');
  });
});
