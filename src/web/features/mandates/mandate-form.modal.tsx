import { Checkbox, Input, NativeSelect, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { EXTRA_KINDS, type ExtraKind, type Role } from '../../../contracts/constants';
import type { Mandate, MandateScope } from '../../../contracts/extras.contract';
import { isApiError } from '../../app/api-client';
import { kindLabel } from '../../app/extra-labels';
import { isLanguage } from '../../app/i18n';
import { useMembers } from '../../app/members.api';
import { centsToInput, MAX_CENTS, parseEuroCents } from '../../app/money';
import { applyFieldErrors } from '../../app/problem';
import { useTeams } from '../../app/teams.api';
import { FormActions } from '../../components/form-actions.component';
import { FreshDialog } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { usePutMandate } from './mandates.api';

/** The roles that log extras (an advisor brings proposals, not extras). */
const MANDATE_ROLES: Role[] = ['member', 'manager', 'director', 'admin'];

type ScopeType = MandateScope['type'];

interface MandateValues {
  scopeType: ScopeType;
  role: string;
  teamId: string;
  memberId: string;
  period: 'week' | 'month';
  budget: string;
  maxPerExtra: string;
  allowedKinds: string[];
}

/** Set the mandate of a role, team or person (mandate null), or change one (its scope stays). */
export function MandateFormModal({
  mandate,
  opened,
  onClose,
}: {
  mandate: Mandate | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FreshDialog
      opened={opened}
      onClose={onClose}
      title={mandate ? t('mandates.editTitle', { name: mandate.scopeName }) : t('mandates.set')}
    >
      <MandateForm mandate={mandate} onDone={onClose} />
    </FreshDialog>
  );
}

function MandateForm({ mandate, onDone }: { mandate: Mandate | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const put = usePutMandate();
  const teams = useTeams();
  const members = useMembers('active', '');
  const scope = mandate?.scope;
  const money = (v: string) => {
    if (!v.trim()) return t('validation.required');
    const cents = parseEuroCents(v, language);
    if (cents === null) return t('extras.form.invalidAmount');
    return cents > MAX_CENTS ? t('validation.too_big') : null;
  };
  const form = useForm<MandateValues>({
    initialValues: {
      scopeType: scope?.type ?? 'role',
      role: scope?.type === 'role' ? scope.role : 'member',
      teamId: scope?.type === 'team' ? scope.teamId : '',
      memberId: scope?.type === 'member' ? scope.memberId : '',
      period: mandate?.period ?? 'week',
      budget: mandate ? centsToInput(mandate.budgetCents, language) : '',
      maxPerExtra: mandate ? centsToInput(mandate.maxPerExtraCents, language) : '',
      allowedKinds: mandate?.allowedKinds ?? ['gift', 'time', 'upgrade'],
    },
    validate: {
      teamId: (v, all) => (all.scopeType === 'team' && !v ? t('mandates.chooseTeam') : null),
      memberId: (v, all) => (all.scopeType === 'member' && !v ? t('mandates.chooseMember') : null),
      budget: money,
      maxPerExtra: (v, all) => {
        const wrong = money(v);
        if (wrong) return wrong;
        // An extra above the whole budget could never fit: said here, before saving (the server refuses it too).
        const budget = parseEuroCents(all.budget, language);
        return budget !== null && (parseEuroCents(v, language) ?? 0) > budget
          ? t('errors.mandate_max_above_budget')
          : null;
      },
      allowedKinds: (v) => (v.length ? null : t('mandates.chooseKind')),
    },
  });

  const submit = form.onSubmit((v) => {
    const scopeBody: MandateScope =
      v.scopeType === 'role'
        ? { type: 'role', role: v.role as Role }
        : v.scopeType === 'team'
          ? { type: 'team', teamId: v.teamId }
          : { type: 'member', memberId: v.memberId };
    put.mutate(
      {
        scope: scopeBody,
        period: v.period,
        budgetCents: parseEuroCents(v.budget, language) ?? 0,
        maxPerExtraCents: parseEuroCents(v.maxPerExtra, language) ?? 0,
        allowedKinds: v.allowedKinds as ExtraKind[],
      },
      {
        onSuccess: () => {
          notifySuccess(t('common.saved'));
          onDone();
        },
        onError: (error) => {
          applyFieldErrors(form, t, error);
          if (isApiError(error) && error.code === 'mandate_max_above_budget')
            form.setFieldError('maxPerExtra', t('errors.mandate_max_above_budget'));
        },
      },
    );
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <ProblemAlert error={put.error} />
        <Input.Wrapper label={t('mandates.for')} labelElement="div">
          <SegmentedControl
            fullWidth
            mt={6}
            disabled={!!mandate}
            value={form.values.scopeType}
            onChange={(value) => form.setFieldValue('scopeType', value as ScopeType)}
            data={[
              { value: 'role', label: t('mandates.scopeRole') },
              { value: 'team', label: t('mandates.scopeTeam') },
              { value: 'member', label: t('mandates.scopeMember') },
            ]}
          />
        </Input.Wrapper>
        {form.values.scopeType === 'role' && (
          <NativeSelect
            label={t('mandates.role')}
            disabled={!!mandate}
            data={MANDATE_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            {...form.getInputProps('role')}
          />
        )}
        {form.values.scopeType === 'team' && (
          <Select
            label={t('mandates.team')}
            disabled={!!mandate}
            searchable
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            nothingFoundMessage={t('teams.none')}
            {...form.getInputProps('teamId')}
          />
        )}
        {form.values.scopeType === 'member' && (
          <Select
            label={t('mandates.member')}
            disabled={!!mandate}
            searchable
            data={(members.data ?? []).map((member) => ({ value: member.id, label: member.name }))}
            nothingFoundMessage={t('teams.nobodyFound')}
            {...form.getInputProps('memberId')}
          />
        )}
        <Input.Wrapper label={t('mandates.period')} labelElement="div">
          <SegmentedControl
            fullWidth
            mt={6}
            value={form.values.period}
            onChange={(value) => form.setFieldValue('period', value === 'month' ? 'month' : 'week')}
            data={[
              { value: 'week', label: t('mandates.perWeek') },
              { value: 'month', label: t('mandates.perMonth') },
            ]}
          />
        </Input.Wrapper>
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('mandates.budget')}
            inputMode="decimal"
            autoComplete="off"
            {...form.getInputProps('budget')}
          />
          <TextInput
            label={t('mandates.maxPerExtra')}
            inputMode="decimal"
            autoComplete="off"
            {...form.getInputProps('maxPerExtra')}
          />
        </SimpleGrid>
        <Checkbox.Group label={t('mandates.allowedKinds')} {...form.getInputProps('allowedKinds')}>
          <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm" mt={6}>
            {EXTRA_KINDS.map((kind) => (
              <Checkbox key={kind} value={kind} label={kindLabel(t, kind)} size="md" />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <FormActions onCancel={onDone} saving={put.isPending} />
      </Stack>
    </form>
  );
}
