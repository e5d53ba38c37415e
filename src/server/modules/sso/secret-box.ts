import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// The identity provider's client secret at rest: AES-256-GCM (Node's crypto) under a key derived from
// AUTH_SECRET with HKDF, so a copy of the database alone does not give it away. Changing AUTH_SECRET
// makes stored secrets unreadable: an administrator then enters the client secret again.

const keyOf = (authSecret: string) =>
  Buffer.from(hkdfSync('sha256', authSecret, 'klantwerk', 'sso client secret v1', 32));

export function sealSecret(plain: string, authSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(authSecret), iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join(
    '.',
  );
}

/** The secret, or null when it was sealed under another AUTH_SECRET (or tampered with). */
export function openSecret(sealed: string, authSecret: string): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(authSecret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
