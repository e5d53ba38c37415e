import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box';

const SECRET = 'an-auth-secret-that-is-long-enough-for-this';

describe('the client secret at rest', () => {
  it('is stored unreadable and opens with the same AUTH_SECRET', () => {
    const sealed = sealSecret('my-client-secret', SECRET);
    expect(sealed).not.toContain('my-client-secret');
    expect(openSecret(sealed, SECRET)).toBe('my-client-secret');
  });

  it('does not open under another AUTH_SECRET or when altered', () => {
    const sealed = sealSecret('my-client-secret', SECRET);
    expect(openSecret(sealed, `${SECRET}-other`)).toBeNull();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('something else').toString('base64url');
    expect(openSecret(parts.join('.'), SECRET)).toBeNull();
  });
});
