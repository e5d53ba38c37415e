import { useTranslation } from 'react-i18next';
import type { ChainArrow } from '../../../contracts/promises.contract';
import { useFigureFormat } from '../../app/figures-format';

/** An arrow's figures as text: short for the picture, as a sentence for links and screen readers. */
export function useArrowText() {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const onTime = (arrow: ChainArrow) =>
    arrow.due > 0
      ? t('chain.shareOf', {
          share: f.share(arrow.onTimeShare),
          part: f.count(arrow.onTime),
          whole: f.count(arrow.due),
        })
      : f.share(null);
  const rating = (arrow: ChainArrow) =>
    arrow.averageRating === null
      ? f.rating(null)
      : t('chain.ratingOf', { rating: f.rating(arrow.averageRating), count: arrow.ratings });
  return {
    onTime,
    rating,
    /** "12 · 83% · ★ 4,2", leaving out what cannot be computed. */
    short: (arrow: ChainArrow) =>
      [
        f.count(arrow.handoffs),
        ...(arrow.onTimeShare === null ? [] : [f.share(arrow.onTimeShare)]),
        ...(arrow.averageRating === null ? [] : [`★ ${f.rating(arrow.averageRating)}`]),
      ].join(' · '),
    sentence: (arrow: ChainArrow) =>
      [
        t('chain.arrowText', { from: arrow.from.name, to: arrow.to.name, count: arrow.handoffs }),
        arrow.onTimeShare === null
          ? t('chain.onTimeNone')
          : t('chain.onTimeText', { share: f.share(arrow.onTimeShare), onTime: arrow.onTime, due: arrow.due }),
        arrow.averageRating === null
          ? t('chain.ratingNone')
          : t('chain.ratingText', { rating: f.rating(arrow.averageRating), count: arrow.ratings }),
        t('chain.thanksText', { from: arrow.from.name, to: arrow.to.name, count: arrow.thanks }),
        ...(arrow.weak ? [t('chain.weakText')] : []),
      ].join(' '),
  };
}
