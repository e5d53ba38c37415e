import { ActionIcon, Badge, Button, Checkbox, Fieldset, Group, Input, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankQuestion } from '../../../contracts/questions.contract';
import { kindLabel, textIn, themeLabel } from '../../app/campaign-labels';
import { isLanguage } from '../../app/i18n';
import { ConfirmModal } from '../../components/confirm.modal';
import { notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { groupByTheme } from './answer-form';
import { OwnQuestionModal } from './bank-question.modal';
import { useQuestionBank, useRemoveOwnQuestion } from './questions.api';

interface BankPickerProps {
  value: string[];
  onChange: (keys: string[]) => void;
  error?: ReactNode;
}

/**
 * The question bank by theme, a checkbox per question (in the person's language), the leadership
 * questions with a self-view marked "with mirror"; an own question can be added (and is chosen at
 * once) or taken out of the bank again.
 */
export function BankPicker({ value, onChange, error }: BankPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const bank = useQuestionBank();
  const [ownOpened, ownDialog] = useDisclosure(false);
  /** The own question whose removal waits for a yes. */
  const [toRemove, setToRemove] = useState<BankQuestion | null>(null);
  const remove = useRemoveOwnQuestion();
  const items = bank.data ?? [];
  const chosen = new Set(value);
  const chosenCount = items.filter((q) => chosen.has(q.key)).length;

  const toggle = (keys: string[], on: boolean) => {
    const rest = value.filter((key) => !keys.includes(key));
    onChange(on ? [...rest, ...keys] : rest);
  };

  return (
    <Input.Wrapper
      size="md"
      id={id}
      label={t('questions.new.questions')}
      description={t('questions.new.questionsHint')}
      labelElement="div"
      withAsterisk
      error={error}
      inputWrapperOrder={['label', 'description', 'error', 'input']}
    >
      <Stack gap="md" mt="xs" role="group" aria-labelledby={`${id}-label`}>
        {bank.error ? (
          <ProblemAlert error={bank.error} />
        ) : !bank.data ? (
          <PageLoader />
        ) : (
          <>
            <Group justify="space-between" gap="sm">
              <Text size="sm" fw={600} aria-live="polite">
                {t('questions.new.chosenCount', { count: chosenCount, total: items.length })}
              </Text>
              <Button variant="light" size="sm" onClick={ownDialog.open}>
                + {t('questions.new.addOwn')}
              </Button>
            </Group>
            {items.length === 0 && <Text c="dimmed">{t('questions.new.bankEmpty')}</Text>}
            {groupByTheme(items).map((group) => (
              <ThemeGroup
                key={group.theme}
                theme={group.theme}
                questions={group.items}
                chosen={chosen}
                onToggle={toggle}
                onRemove={setToRemove}
              />
            ))}
          </>
        )}
      </Stack>
      {/* The modal's form sits in a portal, but React passes its submit up the component tree: it stops here, short of the campaign's form. */}
      <div onSubmit={(event) => event.stopPropagation()}>
        <OwnQuestionModal
          opened={ownOpened}
          onClose={ownDialog.close}
          onAdded={(key) => onChange([...value.filter((k) => k !== key), key])}
        />
      </div>
      <ConfirmModal
        opened={toRemove !== null}
        title={t('questions.new.removeOwnTitle')}
        message={t('questions.new.removeOwnText')}
        confirmLabel={t('questions.new.removeOwnConfirm')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (!toRemove) return;
          const key = toRemove.key;
          remove.mutate(key, {
            onSuccess: () => {
              // Not chosen any more either: it is no longer in the bank to choose.
              toggle([key], false);
              setToRemove(null);
              notifySuccess(t('questions.new.removed'));
            },
          });
        }}
        onClose={() => {
          remove.reset();
          setToRemove(null);
        }}
      />
    </Input.Wrapper>
  );
}

interface ThemeGroupProps {
  theme: BankQuestion['theme'];
  questions: BankQuestion[];
  chosen: Set<string>;
  onToggle: (keys: string[], on: boolean) => void;
  onRemove: (question: BankQuestion) => void;
}

function ThemeGroup({ theme, questions, chosen, onToggle, onRemove }: ThemeGroupProps) {
  const { t } = useTranslation();
  const keys = questions.map((q) => q.key);
  const count = keys.filter((key) => chosen.has(key)).length;
  return (
    <Fieldset legend={themeLabel(t, theme)} radius="md" p="sm" styles={{ legend: { fontWeight: 700 } }}>
      <Stack gap="sm">
        <Checkbox
          size="sm"
          label={t('questions.new.allInTheme')}
          checked={count === keys.length}
          indeterminate={count > 0 && count < keys.length}
          onChange={(event) => onToggle(keys, event.currentTarget.checked)}
          styles={{ label: { color: 'var(--mantine-color-dimmed)' } }}
        />
        {questions.map((question) => (
          <BankRow
            key={question.key}
            question={question}
            checked={chosen.has(question.key)}
            onToggle={(on) => onToggle([question.key], on)}
            onRemove={() => onRemove(question)}
          />
        ))}
      </Stack>
    </Fieldset>
  );
}

interface BankRowProps {
  question: BankQuestion;
  checked: boolean;
  onToggle: (on: boolean) => void;
  onRemove: () => void;
}

function BankRow({ question, checked, onToggle, onRemove }: BankRowProps) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const text = textIn(question.text, language);
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Checkbox
        size="md"
        checked={checked}
        onChange={(event) => onToggle(event.currentTarget.checked)}
        style={{ flex: 1, minWidth: 0 }}
        label={<span style={{ overflowWrap: 'anywhere' }}>{text}</span>}
        description={
          <Stack gap={2} component="span" mt={2}>
            <Group gap={6} component="span">
              <Badge variant="default" size="sm" tt="none" component="span">
                {kindLabel(t, question.kind)}
              </Badge>
              {question.selfView && (
                <Badge variant="light" color="grape" size="sm" tt="none" component="span">
                  {t('questions.new.withMirror')}
                </Badge>
              )}
              {question.own && (
                <Badge variant="light" color="teal" size="sm" tt="none" component="span">
                  {t('questions.new.own')}
                </Badge>
              )}
            </Group>
            {question.selfView && (
              <Text span size="xs" c="dimmed">
                {t('questions.new.mirrorText', { text: textIn(question.selfView, language) })}
              </Text>
            )}
          </Stack>
        }
      />
      {question.own && (
        <ActionIcon
          variant="subtle"
          color="gray"
          size={42}
          aria-label={t('questions.new.removeOwn', { text })}
          onClick={onRemove}
        >
          <span aria-hidden="true" style={{ fontSize: 22, lineHeight: 1 }}>
            ×
          </span>
        </ActionIcon>
      )}
    </Group>
  );
}
