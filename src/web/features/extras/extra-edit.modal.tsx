import { Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExtraKind } from '../../../contracts/constants';
import { isApiError } from '../../app/api-client';
import { isLanguage } from '../../app/i18n';
import { centsToInput, MAX_CENTS, parseEuroCents, parseWholeNumber } from '../../app/money';
import { applyFieldErrors } from '../../app/problem';
import { useFormat } from '../../app/use-format';
import { useValues } from '../../app/values.api';
import { KindPicker, ValuePicker } from '../../components/extra-fields.component';
import { FormActions } from '../../components/form-actions.component';
import { FreshDialog } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { type ExtraChanges, type ExtraDetail, useMyMandate, useUpdateExtra } from './extras.api';
import { mandateExcesses } from './mandate-check';

interface EditValues {
  occasion: string;
  action: string;
  kind: string;
  costCents: string;
  minutes: string;
  valueIds: string[];
  customerRef: string;
  occurredAt: string;
  aboveMandateReason: string;
}

/** The author corrects an extra within 24 hours of logging it. */
export function ExtraEditModal({
  extra,
  opened,
  onClose,
}: {
  extra: ExtraDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FreshDialog opened={opened} onClose={onClose} title={t('extras.edit.title')}>
      <ExtraEditForm extra={extra} onDone={onClose} />
    </FreshDialog>
  );
}

function ExtraEditForm({ extra, onDone }: { extra: ExtraDetail; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const update = useUpdateExtra(extra.id);
  const my = useMyMandate();
  const values = useValues(true);
  const [serverWantsReason, setServerWantsReason] = useState(false);
  const format = useFormat();
  const originalWhen = format.dateInput(new Date(extra.occurredAt));
  const form = useForm<EditValues>({
    initialValues: {
      occasion: extra.occasion,
      action: extra.action,
      kind: extra.kind as string,
      costCents: centsToInput(extra.costCents, language),
      minutes: String(extra.minutes),
      valueIds: extra.valueIds,
      customerRef: extra.customerRef ?? '',
      occurredAt: originalWhen,
      aboveMandateReason: extra.aboveMandateReason ?? '',
    },
    validate: {
      occasion: (v: string) => (v.trim() ? null : t('validation.required')),
      action: (v: string) => (v.trim() ? null : t('validation.required')),
      costCents: (v: string) => {
        const cents = v.trim() ? parseEuroCents(v, language) : 0;
        if (cents === null) return t('extras.form.invalidAmount');
        return cents > MAX_CENTS ? t('validation.too_big') : null;
      },
      minutes: (v: string) => {
        const minutes = v.trim() ? parseWholeNumber(v) : 0;
        if (minutes === null) return t('extras.form.invalidMinutes');
        return minutes > 24 * 60 ? t('extras.form.tooManyMinutes') : null;
      },
      occurredAt: (v: string) => {
        const date = format.parseDateInput(v);
        if (!date) return t('validation.invalid_format');
        return date.getTime() > Date.now() + 60_000 ? t('extras.form.notInFuture') : null;
      },
      aboveMandateReason: (v: string): string | null =>
        needsReason && !v.trim() ? t('extras.form.reasonRequired') : null,
    },
  });

  const cost = form.values.costCents.trim() ? (parseEuroCents(form.values.costCents, language) ?? 0) : 0;
  // What this extra already takes from the current period's budget counts as room for its new cost.
  const inPeriod =
    my.data &&
    Date.parse(extra.occurredAt) >= Date.parse(my.data.periodStart) &&
    Date.parse(extra.occurredAt) < Date.parse(my.data.periodEnd)
      ? extra.costCents
      : 0;
  const excessCount: number = my.data
    ? mandateExcesses(my.data, form.values.kind as ExtraKind, cost, inPeriod).length
    : 0;
  const needsReason: boolean = serverWantsReason || excessCount > 0 || extra.aboveMandate;
  const choosable = (values.data ?? []).filter((v) => !v.retiredAt || extra.valueIds.includes(v.id));

  const submit = form.onSubmit((v) => {
    const body: ExtraChanges = {
      occasion: v.occasion.trim(),
      action: v.action.trim(),
      kind: v.kind as ExtraKind,
      costCents: cost,
      minutes: v.minutes.trim() ? (parseWholeNumber(v.minutes) ?? 0) : 0,
      valueIds: v.valueIds,
      customerRef: v.customerRef.trim() || null,
      ...(v.occurredAt !== originalWhen ? { occurredAt: format.parseDateInput(v.occurredAt)!.toISOString() } : {}),
      ...(needsReason && v.aboveMandateReason.trim() ? { aboveMandateReason: v.aboveMandateReason.trim() } : {}),
    };
    update.mutate(body, {
      onSuccess: () => {
        notifySuccess(t('common.saved'));
        onDone();
      },
      onError: (error) => {
        if (isApiError(error) && error.code === 'mandate_reason_required') {
          setServerWantsReason(true);
          form.setFieldError('aboveMandateReason', t('extras.form.reasonRequired'));
          return;
        }
        applyFieldErrors(form, t, error);
      },
    });
  });

  const showProblem = update.error && !(isApiError(update.error) && update.error.code === 'mandate_reason_required');

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        {showProblem && <ProblemAlert error={update.error} />}
        <Textarea
          label={t('extras.form.occasion')}
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('occasion')}
        />
        <Textarea
          label={t('extras.form.action')}
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('action')}
        />
        <KindPicker
          label={t('extras.form.kind')}
          value={form.values.kind}
          onChange={(kind) => form.setFieldValue('kind', kind)}
          error={form.errors.kind}
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('extras.form.cost')}
            inputMode="decimal"
            autoComplete="off"
            {...form.getInputProps('costCents')}
          />
          <TextInput
            label={t('extras.form.minutes')}
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps('minutes')}
          />
        </SimpleGrid>
        <ValuePicker
          label={t('extras.form.values')}
          values={choosable}
          value={form.values.valueIds}
          onChange={(ids) => form.setFieldValue('valueIds', ids)}
        />
        <TextInput
          label={t('extras.form.customerRef')}
          maxLength={200}
          autoComplete="off"
          {...form.getInputProps('customerRef')}
        />
        <TextInput
          type="datetime-local"
          label={t('extras.form.occurredAt')}
          max={format.dateInput(new Date())}
          {...form.getInputProps('occurredAt')}
        />
        {needsReason && (
          <Paper p="sm" radius="md" bg="yellow.0" style={{ border: '1px solid var(--mantine-color-yellow-4)' }}>
            <Stack gap="xs">
              <Text size="sm">{t('extras.form.aboveMandateText')}</Text>
              <Textarea
                label={t('extras.form.reason')}
                withAsterisk
                autosize
                minRows={2}
                maxLength={500}
                {...form.getInputProps('aboveMandateReason')}
              />
            </Stack>
          </Paper>
        )}
        <FormActions onCancel={onDone} saving={update.isPending} />
      </Stack>
    </form>
  );
}
