import { describe, expect, it } from 'vitest';
import { definedOnly, groupBy } from './objects';

describe('groupBy', () => {
  it('groups the items by key, each group in the order the items came', () => {
    const rows = [
      { memberId: 'b', team: 1 },
      { memberId: 'a', team: 2 },
      { memberId: 'b', team: 3 },
    ];
    const groups = groupBy(rows, (r) => r.memberId);
    expect([...groups.keys()]).toEqual(['b', 'a']);
    expect(groups.get('b')!.map((r) => r.team)).toEqual([1, 3]);
    expect(groups.get('a')!.map((r) => r.team)).toEqual([2]);
    expect(groups.get('c')).toBeUndefined();
  });
});

describe('definedOnly', () => {
  it('drops the undefined entries only', () => {
    expect(definedOnly({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null });
  });
});
