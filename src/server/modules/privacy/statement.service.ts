import type { Language, Role } from '../../../contracts/constants';
import type { PrivacyStatement } from '../../../contracts/privacy.contract';
import type { Db } from '../../db/client';
import { translate } from '../../lib/i18n';
import type { TenantContext } from '../../lib/request-context';
import { EXPIRED_KEEP_HOURS, IDEMPOTENCY_KEEP_HOURS, THROTTLE_KEEP_HOURS } from '../../lib/sweep';
import { findSettings } from '../learning/conversation.service';
import * as org from '../org/org.service';

// The staff privacy statement: what Klantwerk keeps about the people who work in this organisation, who
// sees what, the anonymity thresholds, how long things are kept and whether figures per person are on —
// written at the moment it is asked for, from the organisation's real settings and role holders, in
// Dutch or English (the texts are in the web's catalogs under "statement"). For staff, the works council
// and the DPIA; the web shows it as a printable page linked from every profile.

type Section = PrivacyStatement['sections'][number];

const KEPT = ['account', 'extras', 'learning', 'promises', 'questions', 'counsel', 'notices', 'views'] as const;
const RETENTION = ['work', 'contacts', 'customers', 'views', 'technical'] as const;

export async function makePrivacyStatement(
  db: Db,
  tenant: TenantContext,
  language: Language,
  now = new Date(),
): Promise<PrivacyStatement> {
  const [organization, comparison, people] = await Promise.all([
    org.findOrganization({ db }, tenant),
    findSettings(db, tenant),
    org.findRoleHolders(db, tenant.orgId),
  ]);
  const t = (key: string, vars: Record<string, string | number> = {}) =>
    translate(language, `statement.${key}`, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const day = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${iso.slice(0, 10)}T12:00:00Z`),
    );
  const moment = (at: Date) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: tenant.timeZone }).format(at);
  const holders = (role: Role) => people.filter((p) => p.roles.includes(role));
  const names = (role: Role) => {
    const list = holders(role).map((p) => p.name);
    return list.length ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(list) : t('nobody');
  };
  const on = comparison.memberComparison;
  const perPerson = t(on ? 'who.perPersonOn' : 'who.perPersonOff');
  const item = (group: string, key: string, vars: Record<string, string | number> = {}) => ({
    term: t(`${group}.${key}.term`, vars),
    text: t(`${group}.${key}.text`, vars),
  });
  const section = (key: string, paragraphs: string[], items: Section['items'] = []): Section => ({
    key,
    title: t(`${key}.title`),
    paragraphs,
    items,
  });

  const sections: Section[] = [
    section(
      'kept',
      [t('kept.intro')],
      KEPT.map((key) => item('kept', key)),
    ),
    section(
      'who',
      [t('who.intro')],
      [
        item('who', 'colleagues'),
        item('who', 'managers', { count: holders('manager').length, perPerson }),
        item('who', 'directors', { names: names('director'), perPerson }),
        item('who', 'admins', { names: names('admin') }),
        item('who', 'advisors', { count: holders('advisor').length }),
        item('who', 'nobody'),
      ],
    ),
    section('comparison', [
      on
        ? t('comparison.on', {
            since: moment(new Date(comparison.since!)),
            by: comparison.by?.name ?? '',
            agreedOn: day(comparison.worksCouncilAgreedOn!),
            note: comparison.worksCouncilNote ?? '',
          })
        : t('comparison.off'),
      t('comparison.log', { days: organization.viewLogKeepDays }),
    ]),
    section('questions', [
      t('questions.stored'),
      t('questions.threshold', { minGroup: organization.resultsMinGroup, minTexts: organization.resultsMinTexts }),
      t('questions.whole'),
      t(`questions.visibility.${organization.resultsVisibility}`),
    ]),
    section(
      'retention',
      [],
      RETENTION.map((key) =>
        item('retention', key, {
          contactDays: organization.contactKeepDays,
          customerDays: organization.customerKeepDays,
          viewDays: organization.viewLogKeepDays,
          expiredHours: EXPIRED_KEEP_HOURS,
          throttleHours: THROTTLE_KEEP_HOURS,
          idempotencyHours: IDEMPOTENCY_KEEP_HOURS,
        }),
      ),
    ),
    section('rights', [t('rights.text')]),
  ];

  return {
    language,
    organization: { name: organization.name },
    generatedAt: now.toISOString(),
    title: t('title', { organization: organization.name }),
    intro: t('intro', { organization: organization.name, date: moment(now) }),
    settings: {
      memberComparison: on,
      memberComparisonSince: comparison.since,
      worksCouncilAgreedOn: comparison.worksCouncilAgreedOn,
      resultsMinGroup: organization.resultsMinGroup,
      resultsMinTexts: organization.resultsMinTexts,
      resultsVisibility: organization.resultsVisibility,
      contactKeepDays: organization.contactKeepDays,
      customerKeepDays: organization.customerKeepDays,
      viewLogKeepDays: organization.viewLogKeepDays,
    },
    sections,
  };
}
