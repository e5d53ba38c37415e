import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'klantwerk.session_token';

/**
 * Cookie values whose signature was checked, by secret: a signature holds for as long as the secret does,
 * and every request of a browser carries the same value, so it is checked once rather than on each
 * request (an HMAC is a fair share of a small request's CPU). Only values that verified are kept, at most
 * VERIFIED_MAX per secret; the map starts over when full. Whether the session is still live is the
 * session check's question, asked on every request as before.
 */
const verified = new Map<string, Map<string, string>>();
const VERIFIED_MAX = 10_000;

/**
 * The session token from the signed session cookie Better Auth set ("<token>.<base64 HMAC-SHA256>"),
 * or null when there is none or its signature does not match. Lets the access check find the session,
 * person and membership in one query instead of going through Better Auth's lookup on every request.
 */
export function readSessionToken(cookieHeader: string | undefined, secret: string): string | null {
  if (!cookieHeader) return null;
  let raw: string | undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    if (name === `__Secure-${SESSION_COOKIE}` || name === SESSION_COOKIE) raw = part.slice(eq + 1).trim();
  }
  if (!raw) return null;
  let known = verified.get(secret);
  const token = known?.get(raw);
  if (token !== undefined) return token;
  const checked = verifySessionCookie(raw, secret);
  if (checked !== null) {
    if (!known || known.size >= VERIFIED_MAX) {
      known = new Map();
      verified.set(secret, known);
    }
    known.set(raw, checked);
  }
  return checked;
}

/** The token of a raw cookie value "<token>.<base64 HMAC-SHA256>", when its signature matches. */
function verifySessionCookie(raw: string, secret: string): string | null {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1), 'base64');
  const expected = createHmac('sha256', secret).update(token).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? token : null;
}

/** The Set-Cookie line of a session, signed and named as Better Auth does, for a session the app made itself. */
export function sessionCookie(
  token: string,
  secret: string,
  options: { secure: boolean; maxAgeSeconds: number },
): string {
  const signature = createHmac('sha256', secret).update(token).digest('base64');
  const name = options.secure ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE;
  const attributes = [
    `Max-Age=${options.maxAgeSeconds}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ];
  return [`${name}=${encodeURIComponent(`${token}.${signature}`)}`, ...attributes].join('; ');
}
