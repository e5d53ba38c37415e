import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ExtraKind } from '../../../contracts/constants';
import type { MyMandate } from '../../../contracts/extras.contract';
import { kindLabel } from '../../app/extra-labels';
import { useFormat } from '../../app/use-format';
import { LightSkeleton } from '../../components/light.component';
import { type MandateExcess, usedPercent } from './mandate-check';

/* The log screen's heading and what it says about the mandate, in plain elements (app/light.css). */

/** The page's heading (PageHeader's look and document title, in plain elements). */
export function Title({ title }: { title: string }) {
  useDocumentTitle(`${title} · Klantwerk`);
  return <h1 className="kw-h1">{title}</h1>;
}

/** The mandate card's height on a phone, kept while it loads so the form does not jump when it arrives. */
export const MANDATE_HEIGHT = 92;

export function MandateLeft({
  my,
  loading,
  asOf,
}: {
  my: MyMandate | undefined;
  loading: boolean;
  asOf: number | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (loading) return <LightSkeleton height={MANDATE_HEIGHT} />;
  if (!my) {
    return (
      <p className="kw-p kw-text-sm kw-dimmed" style={{ marginBottom: 16 }}>
        {t('extras.mandate.unavailable')}
      </p>
    );
  }
  const mandate = my.mandate;
  const stale = asOf !== null && (
    <p className="kw-p kw-text-xs kw-gray" style={{ marginTop: 4 }}>
      {t('extras.mandate.asOf', { when: format.date(new Date(asOf), true) })}
    </p>
  );
  if (!mandate) {
    return (
      <div className="kw-card" style={{ marginBottom: 16, minHeight: MANDATE_HEIGHT }}>
        <p className="kw-p kw-text-sm">{t('extras.mandate.none')}</p>
        {stale}
      </div>
    );
  }
  const amounts = {
    left: format.money(Math.max(0, my.leftCents) / 100),
    budget: format.money(mandate.budgetCents / 100),
  };
  const percent = usedPercent(my);
  return (
    <div className="kw-card" style={{ marginBottom: 16, minHeight: MANDATE_HEIGHT }} aria-live="polite">
      <p className="kw-p kw-strong">
        {mandate.period === 'week' ? t('extras.mandate.leftWeek', amounts) : t('extras.mandate.leftMonth', amounts)}
      </p>
      <div
        className="kw-progress"
        data-full={my.leftCents > 0 ? undefined : true}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t('extras.mandate.usedLabel', { percent })}
      >
        <div style={{ width: `${percent}%` }} />
      </div>
      <p className="kw-p kw-text-xs kw-gray">
        {mandate.scope.type === 'member'
          ? t('extras.mandate.scopeMember')
          : mandate.scope.type === 'team'
            ? t('extras.mandate.scopeTeam', { name: mandate.scopeName })
            : t('extras.mandate.scopeRole', { name: t(`roles.${mandate.scope.role}`) })}
        {' · '}
        {t('extras.mandate.maxPerExtra', { amount: format.money(mandate.maxPerExtraCents / 100) })}
        {' · '}
        {mandate.allowedKinds.map((kind) => kindLabel(t, kind).toLowerCase()).join(', ')}
      </p>
      {stale}
    </div>
  );
}

/** Why the extra goes beyond the mandate, one line a reason. */
export function ExcessList({
  excesses,
  my,
  kind,
  fallback,
}: {
  excesses: MandateExcess[];
  my: MyMandate | undefined;
  kind: ExtraKind;
  fallback: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (excesses.length === 0)
    return fallback ? <p className="kw-p kw-text-sm">{t('errors.mandate_reason_required')}</p> : null;
  const mandate = my?.mandate;
  const left = format.money(Math.max(0, my?.leftCents ?? 0) / 100);
  return (
    <ul className="kw-text-sm" style={{ margin: 0, paddingLeft: 20 }}>
      {excesses.map((excess) => (
        <li key={excess}>
          {excess === 'noMandate'
            ? t('extras.excess.noMandate')
            : excess === 'kindNotAllowed'
              ? t('extras.excess.kindNotAllowed', { kind: kindLabel(t, kind).toLowerCase() })
              : excess === 'overMaxPerExtra'
                ? t('extras.excess.overMaxPerExtra', { amount: format.money((mandate?.maxPerExtraCents ?? 0) / 100) })
                : mandate?.period === 'month'
                  ? t('extras.excess.overLeftMonth', { amount: left })
                  : t('extras.excess.overLeftWeek', { amount: left })}
        </li>
      ))}
    </ul>
  );
}
