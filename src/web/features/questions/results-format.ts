import { useTranslation } from 'react-i18next';
import type { Language } from '../../../contracts/constants';
import type { Figures } from '../../../contracts/questions.contract';
import { formatNumber } from '../../app/format';
import { isLanguage } from '../../app/i18n';
import {
  distributionText,
  formatAverage,
  formatPercent,
  formatPromoterScore,
  localText,
  type ScoredKind,
} from './results-model';

/** The results' figures and words in the interface's language. */
export function useResultsFormat() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'nl';
  return {
    language,
    average: (average: number | null) => formatAverage(average, language),
    promoterScore: (score: number | null) => formatPromoterScore(score, language),
    percent: (percent: number) => formatPercent(percent, language),
    count: (n: number) => formatNumber(n, language),
    text: (pair: { nl: string; en: string }) => localText(pair, language),
    describe: (kind: ScoredKind, figures: Figures) => distributionText(t, language, kind, figures),
  };
}
