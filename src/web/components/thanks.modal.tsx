import { NativeSelect, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { THANKS_WORDS_MAX } from '../../contracts/thanks.contract';
import { applyFieldErrors } from '../app/problem';
import { useTeam, useTeams } from '../app/teams.api';
import { useGiveThanks } from '../app/thanks.api';
import { useIdempotentSubmit } from '../app/use-idempotent-submit';
import { useSignedInMe } from '../app/use-me';
import { useValues } from '../app/values.api';
import { FreshDialog, ModalForm } from './form-modal.component';
import { notifySuccess } from './notify';

/** Whom the dialog opens on: a team, and within it one colleague (left out: the whole team). */
export interface ThanksTarget {
  teamId: string;
  memberId?: string;
}

/** The whole team, in the "who" field. */
const WHOLE_TEAM = '';

/** Thank a colleague or a team for internal help: in words, optionally with one of the values. */
export function ThanksModal({
  opened,
  onClose,
  target,
}: {
  opened: boolean;
  onClose: () => void;
  target?: ThanksTarget | undefined;
}) {
  const { t } = useTranslation();
  return (
    <FreshDialog opened={opened} onClose={onClose} title={t('thanks.title')} centered>
      <ThanksForm target={target} onDone={onClose} />
    </FreshDialog>
  );
}

function ThanksForm({ target, onDone }: { target: ThanksTarget | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const myId = me.member?.id;
  const myTeams = me.member?.teams ?? [];
  const teams = useTeams();
  const values = useValues();
  const give = useGiveThanks();
  const idempotency = useIdempotentSubmit();
  const form = useForm({
    initialValues: {
      teamId: target?.teamId ?? '',
      memberId: target?.memberId ?? WHOLE_TEAM,
      words: '',
      valueId: '',
      fromTeamId: myTeams[0]?.id ?? '',
    },
    validate: {
      teamId: (v) => (v ? null : t('validation.required')),
      words: (v) =>
        v.trim() ? (v.trim().length > THANKS_WORDS_MAX ? t('validation.too_big') : null) : t('validation.required'),
    },
  });
  const team = useTeam(form.values.teamId, { enabled: !!form.values.teamId });
  const colleagues = (team.data?.members ?? []).filter((m) => m.id !== myId);
  const teamName = (teams.data ?? []).find((x) => x.id === form.values.teamId)?.name ?? team.data?.name ?? '';

  const submit = form.onSubmit((v) => {
    const body = {
      ...(v.memberId ? { toMemberId: v.memberId } : { toTeamId: v.teamId }),
      words: v.words.trim(),
      ...(v.valueId ? { valueId: v.valueId } : {}),
      ...(v.fromTeamId ? { fromTeamId: v.fromTeamId } : {}),
    };
    give.mutate(
      { body, idempotencyKey: idempotency.key },
      {
        onSuccess: (given) => {
          idempotency.settle('done');
          notifySuccess(t('thanks.sent', { name: given.toMember?.name ?? given.toTeam?.name ?? '' }));
          onDone();
        },
        onError: (error) => {
          idempotency.settleError(error);
          applyFieldErrors(form, t, error);
        },
      },
    );
  });

  return (
    <ModalForm
      submitLabel={t('thanks.send')}
      saving={give.isPending}
      error={give.error}
      intro={<Text size="sm">{t('thanks.intro')}</Text>}
      onSubmit={submit}
      onCancel={onDone}
    >
      <NativeSelect
        label={t('thanks.team')}
        data={[
          { value: '', label: t('thanks.chooseTeam'), disabled: true },
          ...(teams.data ?? []).map((x) => ({ value: x.id, label: x.name })),
        ]}
        {...form.getInputProps('teamId')}
        onChange={(event) => {
          form.setFieldValue('teamId', event.currentTarget.value);
          form.setFieldValue('memberId', WHOLE_TEAM);
        }}
      />
      <NativeSelect
        label={t('thanks.who')}
        disabled={!form.values.teamId}
        data={[
          {
            value: WHOLE_TEAM,
            label: teamName ? t('thanks.wholeTeamNamed', { team: teamName }) : t('thanks.wholeTeam'),
          },
          ...colleagues.map((m) => ({ value: m.id, label: m.jobTitle ? `${m.name} (${m.jobTitle})` : m.name })),
        ]}
        {...form.getInputProps('memberId')}
      />
      <Textarea
        label={t('thanks.words')}
        description={t('thanks.wordsHint', { max: THANKS_WORDS_MAX })}
        placeholder={t('thanks.wordsPlaceholder')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={THANKS_WORDS_MAX}
        withAsterisk
        data-autofocus
        {...form.getInputProps('words')}
      />
      {(values.data ?? []).length > 0 && (
        <NativeSelect
          label={t('thanks.value')}
          data={[
            { value: '', label: t('thanks.noValue') },
            ...(values.data ?? []).map((v) => ({ value: v.id, label: v.name })),
          ]}
          {...form.getInputProps('valueId')}
        />
      )}
      {myTeams.length > 1 && (
        <NativeSelect
          label={t('thanks.fromTeam')}
          data={myTeams.map((x) => ({ value: x.id, label: x.name }))}
          {...form.getInputProps('fromTeamId')}
        />
      )}
    </ModalForm>
  );
}
