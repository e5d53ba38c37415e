import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { keyAfter, outcomeOfError } from './use-idempotent-submit';

const fresh = () => 'new-key';

describe('the Idempotency-Key of a form', () => {
  it('stays the same after a refusal, so a retry after a lost answer is saved once', () => {
    expect(keyAfter('key-1', 'refused', fresh)).toBe('key-1');
  });

  it('is new once the thing was saved (or kept in the outbox): the next save is a new thing', () => {
    expect(keyAfter('key-1', 'done', fresh)).toBe('new-key');
  });

  it('is new when the server already saved something else under it', () => {
    expect(keyAfter('key-1', 'keyReused', fresh)).toBe('new-key');
  });

  it('reads the outcome from the error', () => {
    const error = (code: ConstructorParameters<typeof ApiError>[0]['code']) =>
      new ApiError({ status: 422, code, title: code });
    expect(outcomeOfError(error('idempotency_key_reused'))).toBe('keyReused');
    expect(outcomeOfError(error('mandate_reason_required'))).toBe('refused');
    expect(outcomeOfError(new Error('network'))).toBe('refused');
  });
});
