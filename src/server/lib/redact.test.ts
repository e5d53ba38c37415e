import { describe, expect, it } from 'vitest';
import { redactUrl, serializeError } from './redact';

describe('redactUrl', () => {
  it('masks sensitive query values and keeps the rest', () => {
    expect(redactUrl('/invite?token=abc123&lang=nl')).toBe('/invite?token=redacted&lang=nl');
    expect(redactUrl('/api/v1/me')).toBe('/api/v1/me');
  });
});

describe('serializeError', () => {
  it('keeps the SQL of a failed query but drops its parameters', () => {
    const err = Object.assign(new Error('Failed query: insert into x values ($1)\nparams: hunter2'), {
      name: 'DrizzleQueryError',
      query: 'insert into x values ($1)',
      params: ['hunter2'],
      cause: Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }),
    });
    const out = JSON.stringify(serializeError(err));
    expect(out).toContain('insert into x values ($1)');
    expect(out).toContain('42P01');
    expect(out).not.toContain('hunter2');
  });
});
