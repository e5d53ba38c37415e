import { describe, expect, it } from 'vitest';
import type { Need } from '../../../contracts/counsel.contract';
import { checkNeed, emptyNeed, needBody, sortNeeds } from './needs-model';

const need = (id: string, recognised: boolean, supporters: number): Need => ({
  id,
  what: id,
  forWhom: 'f',
  whyNow: 'w',
  raisedByName: 'Ann',
  raisedAt: '2026-05-01T10:00:00.000Z',
  supporters,
  supportedByMe: false,
  recognised,
  recognisedAt: recognised ? '2026-05-02T10:00:00.000Z' : null,
  proposals: 0,
});

describe('the needs register', () => {
  it('lists recognised needs first, then by support, else as the server sent them', () => {
    const sorted = sortNeeds([
      need('a', false, 9),
      need('b', true, 1),
      need('c', false, 3),
      need('d', true, 4),
      need('e', false, 3),
    ]);
    expect(sorted.map((n) => n.id)).toEqual(['d', 'b', 'a', 'c', 'e']);
  });

  it('asks what, for whom and why now, within the server’s lengths', () => {
    expect(checkNeed(emptyNeed())).toEqual({ what: 'required', forWhom: 'required', whyNow: 'required' });
    expect(checkNeed({ what: 'x'.repeat(201), forWhom: ' y ', whyNow: 'z'.repeat(2001) })).toEqual({
      what: 'too_big',
      whyNow: 'too_big',
    });
    expect(checkNeed({ what: 'x', forWhom: 'y', whyNow: 'z' })).toEqual({});
  });

  it('sends the texts trimmed', () => {
    expect(needBody({ what: ' x ', forWhom: 'y\n', whyNow: ' z' })).toEqual({ what: 'x', forWhom: 'y', whyNow: 'z' });
  });
});
