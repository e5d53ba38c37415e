import { describe, expect, it } from 'vitest';
import { mayAskForExtra, mayAskForPromise, type Viewer } from './voice-links';

const TEAM_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TEAM_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe('who may show the reaction link', () => {
  const viewer = (id: string, roles: Viewer['roles'], teams: Viewer['teams'] = []): Viewer => ({ id, roles, teams });
  const extra = { memberId: 'author', teamIds: [TEAM_A] };
  const promise = { madeById: 'maker', ownerTeamId: TEAM_B };

  it('of an extra: its author, a manager of its team, directors and admins', () => {
    expect(mayAskForExtra(viewer('author', ['member']), extra)).toBe(true);
    expect(mayAskForExtra(viewer('boss', ['manager'], [{ id: TEAM_A, isManager: true }]), extra)).toBe(true);
    expect(mayAskForExtra(viewer('director', ['director']), extra)).toBe(true);
    expect(mayAskForExtra(viewer('admin', ['admin']), extra)).toBe(true);
    expect(mayAskForExtra(viewer('colleague', ['member'], [{ id: TEAM_A, isManager: false }]), extra)).toBe(false);
    expect(mayAskForExtra(viewer('other-boss', ['manager'], [{ id: TEAM_B, isManager: true }]), extra)).toBe(false);
    expect(mayAskForExtra(null, extra)).toBe(false);
  });

  it('of a promise: its maker, anyone in the delivering team, directors and admins', () => {
    expect(mayAskForPromise(viewer('maker', ['member']), promise)).toBe(true);
    expect(mayAskForPromise(viewer('delivers', ['member'], [{ id: TEAM_B, isManager: false }]), promise)).toBe(true);
    expect(mayAskForPromise(viewer('director', ['director']), promise)).toBe(true);
    expect(mayAskForPromise(viewer('elsewhere', ['manager'], [{ id: TEAM_A, isManager: true }]), promise)).toBe(false);
    expect(mayAskForPromise(null, promise)).toBe(false);
  });
});
