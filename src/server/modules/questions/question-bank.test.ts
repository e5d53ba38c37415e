import { describe, expect, it } from 'vitest';
import { QUESTION_BANK, QUESTION_KINDS, QUESTION_THEMES } from './question-bank';

describe('the question bank', () => {
  it('has every theme with at least three questions, each in Dutch and English, under a unique key', () => {
    const keys = QUESTION_BANK.map((q) => q.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const theme of QUESTION_THEMES)
      expect(QUESTION_BANK.filter((q) => q.theme === theme).length, theme).toBeGreaterThanOrEqual(3);
    for (const q of QUESTION_BANK) {
      expect(QUESTION_KINDS, q.key).toContain(q.kind);
      expect(q.text.nl.trim().length, q.key).toBeGreaterThan(10);
      expect(q.text.en.trim().length, q.key).toBeGreaterThan(10);
      expect(q.text.nl, q.key).not.toBe(q.text.en);
    }
  });

  it('gives every leadership question a self-view for the mirror, in both languages, and no other question one', () => {
    for (const q of QUESTION_BANK) {
      if (q.theme === 'leadership') {
        expect(q.kind, q.key).toBe('agree5');
        expect(q.selfView?.nl, q.key).toMatch(/\b(ik|mijn)\b/i);
        expect(q.selfView?.en, q.key).toMatch(/\b(I|my)\b/i);
      } else {
        expect(q.selfView, q.key).toBeUndefined();
      }
    }
  });

  it('holds the kinds a campaign needs: agreement, an internal promoter score and open text', () => {
    for (const kind of QUESTION_KINDS)
      expect(
        QUESTION_BANK.some((q) => q.kind === kind),
        kind,
      ).toBe(true);
  });
});
