import type { TFunction } from 'i18next';
import type { CustomerReaction } from '../../contracts/voice.contract';

// A customer's score on the scale it was given on: the voice screens and the notifications say it the same way.

export type VoiceScale = CustomerReaction['scale'];

/** The highest score of a scale: five points, or 0–10. */
export const scaleMax = (scale: VoiceScale): number => (scale === 'scale10' ? 10 : 5);

/** A score on its own scale: "2 van 5", "3 van 10". */
export function scoreText(t: TFunction, scale: VoiceScale, score: number): string {
  return t('voice.score.of', { score, max: scaleMax(scale) });
}
