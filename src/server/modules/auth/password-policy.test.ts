import { describe, expect, it } from 'vitest';
import { findPasswordProblem } from './password-policy';

const bea = { email: 'bea.bakker@brood.example', name: 'Bea Bakker', organizationName: 'Bakkerij Brood' };

describe('findPasswordProblem', () => {
  it.each([
    ['aaaaaaaaaa', 'password_pattern'],
    ['abababababab', 'password_pattern'],
    ['abcdefghijkl', 'password_pattern'],
    ['1234567890', 'password_common'],
    ['qwertyuiop', 'password_common'],
    ['password123', 'password_common'],
    ['P@ssw0rd123', 'password_common'],
    ['iloveyou123', 'password_common'],
    ['trustno1trustno1', 'password_pattern'],
  ] as const)('refuses %s (%s)', (password, problem) => {
    expect(findPasswordProblem(password)).toBe(problem);
  });

  it('refuses a password built from the person: their address, its name part, their name or organisation', () => {
    expect(findPasswordProblem('bea.bakker@brood.example', bea)).toBe('password_personal');
    expect(findPasswordProblem('Bea.Bakker', bea)).toBe('password_personal');
    expect(findPasswordProblem('bea.bakker2026', bea)).toBe('password_personal');
    expect(findPasswordProblem('BakkerijBrood1', bea)).toBe('password_personal');
    expect(findPasswordProblem('klantwerk2026', bea)).toBe('password_personal');
  });

  it('takes long passphrases and random strings, also with a name in them that is not the person’s', () => {
    for (const password of [
      'correct horse battery',
      'a good long password',
      'kroon-demo-2026',
      'Vr4g!kT9#mQ2',
      'fiets naar de markt om zes',
      'bea chooses well',
    ]) {
      expect(findPasswordProblem(password, bea), password).toBeNull();
    }
  });
});
