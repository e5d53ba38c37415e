import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { scaleMax, scoreText } from './voice-scores';

// A t that shows the key and its values, so the tests see what is asked for.
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;
// A t that speaks Dutch for the score, as the catalog does.
const dutch = ((key: string, values?: Record<string, unknown>) =>
  key === 'voice.score.of' ? `${values?.score} van ${values?.max}` : key) as unknown as TFunction;

describe('scores on their own scale', () => {
  it('says a score out of five or out of ten', () => {
    expect(scoreText(dutch, 'agree5', 2)).toBe('2 van 5');
    expect(scoreText(dutch, 'scale10', 3)).toBe('3 van 10');
    expect(scoreText(dutch, 'scale10', 0)).toBe('0 van 10');
    expect(scoreText(t, 'agree5', 4)).toBe('voice.score.of {"score":4,"max":5}');
    expect(scaleMax('agree5')).toBe(5);
    expect(scaleMax('scale10')).toBe(10);
  });
});
