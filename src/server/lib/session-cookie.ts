import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'klantwerk.session_token';

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
