import { describe, expect, it } from 'vitest';
import { stepState } from './promise-labels';

const by = { id: '00000000-0000-4000-8000-000000000001', name: 'Lisa' };
const step = { late: false, done: null, sentBack: null, accepted: null };

describe('stepState', () => {
  it('gives a step one status, and late wins over everything else', () => {
    expect(stepState({ ...step, late: true, accepted: { by, at: '2026-12-01T09:00:00Z' } })).toBe('late');
    expect(stepState({ ...step, late: true, sentBack: { by, at: '2026-12-01T09:00:00Z', reason: 'r' } })).toBe('late');
  });
  it('is "not taken up yet" for a new step, then taken up, sent back or done', () => {
    expect(stepState(step)).toBe('waiting');
    expect(stepState({ ...step, accepted: { by, at: '2026-12-01T09:00:00Z' } })).toBe('accepted');
    expect(stepState({ ...step, sentBack: { by, at: '2026-12-01T09:00:00Z', reason: 'r' } })).toBe('sent_back');
    expect(
      stepState({
        ...step,
        accepted: { by, at: '2026-12-01T09:00:00Z' },
        done: { by, on: '2026-12-02', at: '2026-12-02T09:00:00Z' },
      }),
    ).toBe('done');
  });
});
