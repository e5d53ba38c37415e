import type { TFunction } from 'i18next';
import type { ExtraKind } from '../../contracts/constants';

/** Literal keys (not built from the kind), so the catalog test sees every one. */
export function kindLabel(t: TFunction, kind: ExtraKind): string {
  switch (kind) {
    case 'gift':
      return t('extras.kinds.gift');
    case 'time':
      return t('extras.kinds.time');
    case 'upgrade':
      return t('extras.kinds.upgrade');
    case 'discount':
      return t('extras.kinds.discount');
    case 'other':
      return t('extras.kinds.other');
  }
}

export function scoreLabel(t: TFunction, score: number): string {
  switch (score) {
    case 1:
      return t('extras.scores.veryNegative');
    case 2:
      return t('extras.scores.negative');
    case 3:
      return t('extras.scores.neutral');
    case 4:
      return t('extras.scores.positive');
    default:
      return t('extras.scores.veryPositive');
  }
}

/** The customer's reaction, from frowning (1) to beaming (5): calm colours, it is the customer's view. */
export const SCORE_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gray', 4: 'lime', 5: 'teal' };
