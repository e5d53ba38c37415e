import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readSessionToken, SESSION_COOKIE } from './session-cookie';

const secret = 'a-secret-that-is-long-enough-for-tests';
const signed = (token: string, key = secret) =>
  encodeURIComponent(`${token}.${createHmac('sha256', key).update(token).digest('base64')}`);

describe('readSessionToken', () => {
  it('reads the token from a correctly signed cookie, also the __Secure- one', () => {
    expect(readSessionToken(`other=1; ${SESSION_COOKIE}=${signed('tok123')}`, secret)).toBe('tok123');
    expect(readSessionToken(`__Secure-${SESSION_COOKIE}=${signed('tok456')}`, secret)).toBe('tok456');
  });
  it('refuses a cookie signed with another secret, a changed token, or no signature', () => {
    expect(readSessionToken(`${SESSION_COOKIE}=${signed('tok123', 'another-secret')}`, secret)).toBeNull();
    const changed = signed('tok123').replace('tok123', 'tok124');
    expect(readSessionToken(`${SESSION_COOKIE}=${changed}`, secret)).toBeNull();
    expect(readSessionToken(`${SESSION_COOKIE}=tok123`, secret)).toBeNull();
    expect(readSessionToken(`${SESSION_COOKIE}=%E0%A4%A`, secret)).toBeNull();
    expect(readSessionToken(undefined, secret)).toBeNull();
  });
  it('answers the same when asked again, and a cookie read under one secret is still refused under another', () => {
    const cookie = `${SESSION_COOKIE}=${signed('tok789')}`;
    expect(readSessionToken(cookie, secret)).toBe('tok789');
    expect(readSessionToken(cookie, secret)).toBe('tok789');
    expect(readSessionToken(cookie, 'a-rotated-secret-that-is-long-enough')).toBeNull();
    const forged = `${SESSION_COOKIE}=${signed('tok789').replace('tok789', 'tok780')}`;
    expect(readSessionToken(forged, secret)).toBeNull();
    expect(readSessionToken(forged, secret)).toBeNull();
  });
});
