import { NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { KIND_ORDER, kindLabel, THEME_ORDER, themeLabel } from '../../app/campaign-labels';
import { formErrorsOf } from '../../app/form-errors';
import { isLanguage } from '../../app/i18n';
import { FormModal } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import {
  emptyOwnQuestion,
  OWN_TEXT_MAX,
  type OwnQuestionValues,
  ownQuestionField,
  toOwnQuestionBody,
} from './campaign-form';
import { useAddOwnQuestion } from './questions.api';

/** An own question for the bank: theme, kind of answer, the words (one language is enough). Chosen at once. */
export function OwnQuestionModal({
  opened,
  onClose,
  onAdded,
}: {
  opened: boolean;
  onClose: () => void;
  onAdded: (key: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const add = useAddOwnQuestion();
  const form = useForm<OwnQuestionValues>({
    initialValues: emptyOwnQuestion(),
    validate: (values) => {
      const errors: Record<string, string> = {};
      const nl = values.text.nl.trim();
      const en = values.text.en.trim();
      if (!nl && !en) errors[`text.${language}`] = t('questions.new.ownTextRequired');
      if (nl.length > OWN_TEXT_MAX) errors['text.nl'] = t('validation.too_big');
      if (en.length > OWN_TEXT_MAX) errors['text.en'] = t('validation.too_big');
      return errors;
    },
  });

  const close = () => {
    form.reset();
    add.reset();
    onClose();
  };

  const submit = () => {
    if (form.validate().hasErrors) return;
    add.mutate(toOwnQuestionBody(form.values), {
      onSuccess: (question) => {
        onAdded(question.key);
        notifySuccess(t('questions.new.ownAdded'));
        close();
      },
      onError: (error) => form.setErrors(formErrorsOf(t, error, (path) => ownQuestionField(path, language))),
    });
  };

  const textField = (lang: 'nl' | 'en') => (
    <Textarea
      key={lang}
      label={lang === 'nl' ? t('questions.new.ownTextNl') : t('questions.new.ownTextEn')}
      description={
        lang === language
          ? undefined
          : lang === 'en'
            ? t('questions.new.ownTextOptional')
            : t('questions.new.ownTextOptionalNl')
      }
      withAsterisk={lang === language}
      lang={lang}
      autosize
      minRows={2}
      maxRows={5}
      maxLength={OWN_TEXT_MAX}
      {...form.getInputProps(`text.${lang}`)}
    />
  );

  return (
    <FormModal
      opened={opened}
      title={t('questions.new.ownTitle')}
      submitLabel={t('questions.new.ownSubmit')}
      saving={add.isPending}
      error={add.error}
      onSubmit={submit}
      onClose={close}
    >
      <Text size="sm">{t('questions.new.ownIntro')}</Text>
      <NativeSelect
        label={t('questions.new.ownTheme')}
        data={THEME_ORDER.map((theme) => ({ value: theme, label: themeLabel(t, theme) }))}
        {...form.getInputProps('theme')}
      />
      <Radio.Group label={t('questions.new.ownKind')} {...form.getInputProps('kind')}>
        <Stack gap="xs" mt={8}>
          {KIND_ORDER.map((kind) => (
            <Radio key={kind} value={kind} label={kindLabel(t, kind)} size="md" />
          ))}
        </Stack>
      </Radio.Group>
      {language === 'nl' ? [textField('nl'), textField('en')] : [textField('en'), textField('nl')]}
    </FormModal>
  );
}
