import { Anchor, Box, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isLanguage } from '../../app/i18n';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { briefBody, briefErrorsOf, emptyBrief } from './brief-form';
import { BriefForm } from './brief-form.component';
import { useNeeds, useSubmitProposal } from './counsel.api';

/** A proposal for the director as a one-page brief; from a need's card, that need is chosen already. */
export function NewProposalPage() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [initialValues] = useState(() => emptyBrief(params.get('needId')));
  const needs = useNeeds();
  const submit = useSubmitProposal();
  return (
    <Box maw={760}>
      <Anchor component={Link} to="/proposals" size="sm">
        ← {t('counsel.proposals.title')}
      </Anchor>
      <PageHeader title={t('counsel.newProposal.title')} description={t('counsel.newProposal.intro')} />
      {needs.error && (
        <Text size="sm" c="red.8" mb="sm">
          {t('counsel.newProposal.needsFailed')}
        </Text>
      )}
      <BriefForm
        initialValues={initialValues}
        needs={needs.data ?? (needs.error ? [] : undefined)}
        submitLabel={t('counsel.newProposal.submit')}
        saving={submit.isPending}
        error={submit.error && Object.keys(briefErrorsOf(t, submit.error)).length === 0 ? submit.error : null}
        onSubmit={(values, form) =>
          submit.mutate(briefBody(values, language), {
            onSuccess: (proposal) => {
              notifySuccess(t('counsel.newProposal.submitted'));
              void navigate(`/proposals/${proposal.id}`);
            },
            onError: (error) => form.setErrors(briefErrorsOf(t, error)),
          })
        }
      />
    </Box>
  );
}
