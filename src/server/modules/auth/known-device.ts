import { createHmac, randomBytes } from 'node:crypto';

// A known device: a browser in which a person signed in before. It carries a long-lived cookie with
// a random device id and, for each address that signed in there, a tag: HMAC(AUTH_SECRET, id + address).
// Nothing about it is stored on the server, and a tag cannot be made without the secret, so only a
// browser where that address really signed in is a known device of it. The sign-in throttle lets a
// known device pass the limits that strangers fill (see auth.service), so nobody can lock a person out
// of the browsers they use. Sent with every request of this site (Path=/): the sign-in page at
// /sign-in posts its form outside /api, and a cookie has one path.

export const DEVICE_COOKIE = 'klantwerk.device';
const DEVICE_COOKIE_PATH = '/';
const DEVICE_COOKIE_DAYS = 365;
/** A shared counter PC may know several people; the oldest falls off past this many. */
const MAX_ADDRESSES = 8;

export interface Device {
  id: string;
  tags: string[];
}

const tagFor = (secret: string, deviceId: string, email: string) =>
  createHmac('sha256', secret)
    .update(`known-device\n${deviceId}\n${email.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 22);

/** The device cookie in a Cookie header, when it is well formed. */
export function readDevice(cookieHeader: string | null | undefined): Device | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== DEVICE_COOKIE) continue;
    const [id, ...tags] = part
      .slice(eq + 1)
      .trim()
      .split('.');
    if (id && /^[\w-]{22}$/.test(id) && tags.every((tag) => /^[\w-]{22}$/.test(tag)))
      return { id, tags: tags.slice(0, MAX_ADDRESSES) };
  }
  return null;
}

/** Whether the address signed in before in this browser. */
export function isKnownDeviceOf(device: Device | null, email: string, secret: string): device is Device {
  return !!device && device.tags.includes(tagFor(secret, device.id, email));
}

/** The Set-Cookie line that makes this browser a known device of the address (keeping the others it knows). */
export function knownDeviceCookie(device: Device | null, email: string, secret: string, secure: boolean): string {
  const id = device?.id ?? randomBytes(16).toString('base64url');
  const tag = tagFor(secret, id, email);
  const tags = [tag, ...(device?.tags ?? []).filter((t) => t !== tag)].slice(0, MAX_ADDRESSES);
  const attributes = [
    `Path=${DEVICE_COOKIE_PATH}`,
    `Max-Age=${DEVICE_COOKIE_DAYS * 86_400}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ];
  return [`${DEVICE_COOKIE}=${[id, ...tags].join('.')}`, ...attributes].join('; ');
}
