import { describe, expect, it } from 'vitest';
import type { ResultGroup } from '../../../contracts/questions.contract';
import { orderGroups, responseShare } from './campaign-groups';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

function group(
  key: string,
  kind: ResultGroup['kind'],
  teamId: string | null,
  teamName: string | null,
  level: ResultGroup['level'],
): ResultGroup {
  return { key, kind, teamId, teamName, level, status: 'shown', audience: 10, response: { min: 5, max: 10 } };
}

describe('the groups of the response', () => {
  it('stand under the organisation and under their team', () => {
    const groups = [
      group('org', 'org', null, null, null),
      group('level:staff', 'level', null, null, 'staff'),
      group('level:top', 'level', null, null, 'top'),
      group(`team:${B}`, 'team', B, 'Binnendienst', null),
      group(`team:${A}`, 'team', A, 'Atelier', null),
      group(`team:${B}:level:staff`, 'team_level', B, 'Binnendienst', 'staff'),
      group(`team:${A}:level:staff`, 'team_level', A, 'Atelier', 'staff'),
      group(`team:${A}:level:middle`, 'team_level', A, 'Atelier', 'middle'),
    ];
    expect(orderGroups([...groups].reverse()).map((g) => g.key)).toEqual([
      'org',
      'level:top',
      'level:staff',
      `team:${A}`,
      `team:${A}:level:middle`,
      `team:${A}:level:staff`,
      `team:${B}`,
      `team:${B}:level:staff`,
    ]);
  });

  it('keep a level of a team whose team row is not there', () => {
    const only = group(`team:${A}:level:staff`, 'team_level', A, 'Atelier', 'staff');
    expect(orderGroups([only])).toEqual([only]);
  });

  it('show a share, as the server’s step, only for a group that is shown', () => {
    expect(responseShare({ status: 'shown', audience: 20, response: { min: 10, max: 14 } })).toEqual({
      min: 0.5,
      max: 0.7,
    });
    expect(responseShare({ status: 'too_few', audience: null, response: null })).toBeNull();
    expect(responseShare({ status: 'difference', audience: null, response: null })).toBeNull();
    expect(responseShare({ status: 'earlier_round', audience: null, response: null })).toBeNull();
    expect(responseShare({ status: 'shown', audience: 0, response: { min: 0, max: 0 } })).toBeNull();
  });
});
