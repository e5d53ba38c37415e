import type { FieldError, Problem } from '../../contracts/common.contract';
import type { ErrorCode } from '../../contracts/constants';

/** A failed API call, carrying the server's problem details (or what we could make of the failure). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly title: string;
  readonly requestId: string | null;
  readonly fieldErrors: FieldError[];

  constructor(problem: {
    status: number;
    code: ErrorCode;
    title: string;
    requestId?: string | null;
    errors?: FieldError[];
  }) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.requestId = problem.requestId ?? null;
    this.fieldErrors = problem.errors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let acceptLanguage = 'nl';

/** The language the server should answer problem titles in (the interface's language). */
export function setApiLanguage(language: string) {
  acceptLanguage = language;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'too_many_requests';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 500) return 'internal';
  return 'validation_failed';
}

async function problemOf(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id');
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (body && typeof body.code === 'string') {
      return new ApiError({
        status: response.status,
        code: body.code,
        title: body.title ?? response.statusText,
        requestId: body.requestId ?? requestId,
        ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
      });
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError({
    status: response.status,
    code: codeForStatus(response.status),
    title: response.statusText,
    requestId,
  });
}

let clockOffsetMs = 0;

/** How far this device's clock is from the server's, from the Date header of its answers (to the second). */
function noteServerClock(response: Response) {
  const date = Date.parse(response.headers.get('date') ?? '');
  if (!Number.isNaN(date)) clockOffsetMs = Math.abs(date - Date.now()) > 2_000 ? date - Date.now() : 0;
}

/**
 * Now, as the server's clock has it: the moment an extra is logged is stamped on the phone (it may be
 * sent much later), and a phone whose clock runs a few minutes fast must not stamp it in the future.
 */
export function serverNow(): Date {
  return new Date(Date.now() + clockOffsetMs);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call to the API. Resolves with the JSON body (undefined for 204), rejects with an ApiError. */
export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': acceptLanguage,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'unavailable', title: 'Network error' });
  }
  noteServerClock(response);
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiGet = <T>(path: string) => apiRequest<T>('GET', path);
export const apiPost = <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body);
export const apiPatch = <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body);
export const apiPut = <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, body);
export const apiDelete = <T>(path: string) => apiRequest<T>('DELETE', path);

/**
 * A POST the server performs at most once per key: a retry with the same key and body gets the first
 * answer back instead of doing it again.
 */
export const apiPostOnce = <T>(path: string, body: unknown, idempotencyKey: string) =>
  apiRequest<T>('POST', path, body, { 'idempotency-key': idempotencyKey });

/**
 * A fresh random key (UUID v4). crypto.randomUUID exists only on https and localhost; a server on a
 * plain-http local address still has crypto.getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Builds a query string from the defined, non-empty values. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
