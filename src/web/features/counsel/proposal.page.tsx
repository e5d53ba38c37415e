import { Alert, Anchor, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Proposal } from '../../../contracts/counsel.contract';
import { isApiError } from '../../app/api-client';
import { isLanguage } from '../../app/i18n';
import { ACCESS } from '../../app/nav.config';
import { useFormat } from '../../app/use-format';
import { useHasRole } from '../../app/use-me';
import { ConfirmModal } from '../../components/confirm.modal';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { NotFoundPage } from '../../components/status-pages.component';
import { briefBody, briefErrorsOf, briefOf } from './brief-form';
import { BriefForm } from './brief-form.component';
import { useNeeds, useProposal, useResubmitProposal, useUpdateProposal, useWithdrawProposal } from './counsel.api';
import { isOpen, openQuestion } from './counsel-labels';
import { DecisionPanel } from './decision-panel.component';
import { ProposalBrief } from './proposal-brief.component';
import { ProposalHistory } from './proposal-history.component';

/** On paper only the brief and its history: no navigation, no buttons. */
const PRINT_CSS = `
@media print {
  .mantine-AppShell-header, .mantine-AppShell-navbar, .kw-no-print { display: none !important; }
  .mantine-AppShell-main { padding: 0 !important; }
  .kw-print-plain { border: none !important; padding: 0 !important; box-shadow: none !important; }
}`;

export function ProposalPage() {
  const { proposalId = '' } = useParams();
  const proposal = useProposal(proposalId);
  if (proposal.error && isApiError(proposal.error) && (proposal.error.status === 404 || proposal.error.status === 400))
    return <NotFoundPage />;
  if (proposal.error) return <ProblemAlert error={proposal.error} />;
  if (!proposal.data) return <PageLoader />;
  return <ProposalView proposal={proposal.data} />;
}

function ProposalView({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const steering = useHasRole(ACCESS.decide);
  const [editing, setEditing] = useState(false);
  const mayEdit = proposal.mine && isOpen(proposal.status);
  return (
    <Stack gap="md" maw={820}>
      <style>{PRINT_CSS}</style>
      <div className="kw-no-print">
        <Anchor component={Link} to="/proposals" size="sm">
          ← {t('counsel.proposals.title')}
        </Anchor>
      </div>
      <PageHeader
        title={proposal.title}
        actions={
          !editing && (
            <Button variant="default" size="sm" className="kw-no-print" onClick={() => window.print()}>
              {t('counsel.proposal.print')}
            </Button>
          )
        }
      />
      {proposal.mine && proposal.status === 'more_asked' && !editing && (
        <MoreAsked proposal={proposal} onEdit={() => setEditing(true)} />
      )}
      {editing && mayEdit ? (
        <EditBrief proposal={proposal} onDone={() => setEditing(false)} />
      ) : (
        <>
          <Card withBorder padding="lg" radius="md" className="kw-print-plain">
            <ProposalBrief proposal={proposal} />
          </Card>
          {mayEdit && <AuthorActions proposal={proposal} onEdit={() => setEditing(true)} />}
          {steering && proposal.status === 'submitted' && <DecisionPanel key={proposal.id} proposalId={proposal.id} />}
          <DecisionNote proposal={proposal} />
        </>
      )}
      <Card withBorder padding="lg" radius="md" className="kw-print-plain">
        <Title order={2} size="h4" mb="sm">
          {t('counsel.proposal.history')}
        </Title>
        <ProposalHistory proposal={proposal} />
      </Card>
    </Stack>
  );
}

/** The final decision and its reason, for everyone who reads the proposal. */
function DecisionNote({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (proposal.status !== 'approved' && proposal.status !== 'declined') return null;
  const approved = proposal.status === 'approved';
  return (
    <Alert
      color={approved ? 'green' : 'red'}
      variant="light"
      title={approved ? t('counsel.proposal.approvedTitle') : t('counsel.proposal.declinedTitle')}
    >
      <Stack gap={4}>
        {proposal.decisionReason && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {proposal.decisionReason}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('counsel.proposal.decidedBy', {
            name: proposal.decidedByName || t('counsel.history.someone'),
            date: proposal.decidedAt ? format.date(proposal.decidedAt) : '',
          })}
        </Text>
      </Stack>
    </Alert>
  );
}

/** The director asked for more: the question, big, and what the advisor can do about it. */
function MoreAsked({ proposal, onEdit }: { proposal: Proposal; onEdit: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [opened, resubmit] = useDisclosure(false);
  const question = openQuestion(proposal);
  return (
    <Alert color="orange" variant="light" title={t('counsel.proposal.moreAskedTitle')} className="kw-no-print">
      <Stack gap="sm">
        {question?.reason && (
          <Text size="md" fw={500} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {question.reason}
          </Text>
        )}
        {question?.at && (
          <Text size="xs" c="dimmed">
            {t('counsel.proposal.askedBy', {
              name: question.byName || t('counsel.history.someone'),
              date: format.date(question.at, true),
            })}
          </Text>
        )}
        <Text size="sm">{t('counsel.proposal.moreAskedHint')}</Text>
        <Group gap="sm">
          <Button variant="default" onClick={onEdit}>
            {t('counsel.proposal.edit')}
          </Button>
          <Button color="orange" onClick={resubmit.open}>
            {t('counsel.proposal.resubmit')}
          </Button>
        </Group>
      </Stack>
      <ResubmitModal proposal={proposal} question={question?.reason ?? null} opened={opened} onClose={resubmit.close} />
    </Alert>
  );
}

/** The author answers the director's question and the proposal goes back into the queue. */
function ResubmitModal({
  proposal,
  question,
  opened,
  onClose,
}: {
  proposal: Proposal;
  question: string | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const resubmit = useResubmitProposal(proposal.id);
  const form = useForm({
    initialValues: { reason: '' },
    validate: {
      reason: (v) =>
        !v.trim() ? t('counsel.resubmit.reasonRequired') : v.trim().length > 2000 ? t('validation.too_big') : null,
    },
  });
  const { close, succeeded, failed } = useFormModalActions(form, resubmit, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    resubmit.mutate(form.values.reason.trim(), {
      onSuccess: () => succeeded(t('counsel.resubmit.done')),
      onError: failed,
    });
  };
  return (
    <FormModal
      opened={opened}
      title={t('counsel.resubmit.title')}
      submitLabel={t('counsel.resubmit.submit')}
      saving={resubmit.isPending}
      error={resubmit.error}
      onSubmit={submit}
      onClose={close}
    >
      {question && (
        <Alert color="orange" variant="light" p="sm" title={t('counsel.resubmit.question')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {question}
          </Text>
        </Alert>
      )}
      <Text size="sm">{t('counsel.resubmit.intro')}</Text>
      <Textarea
        label={t('counsel.resubmit.reason')}
        withAsterisk
        autosize
        minRows={3}
        maxRows={10}
        maxLength={2000}
        data-autofocus
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

/** While the proposal is open, its author may change the brief or withdraw it. */
function AuthorActions({ proposal, onEdit }: { proposal: Proposal; onEdit: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawProposal(proposal.id);
  const [confirming, confirm] = useDisclosure(false);
  return (
    <Group gap="sm" className="kw-no-print">
      {proposal.status === 'submitted' && (
        <Button variant="default" onClick={onEdit}>
          {t('counsel.proposal.edit')}
        </Button>
      )}
      <Button variant="subtle" color="red" onClick={confirm.open}>
        {t('counsel.proposal.withdraw')}
      </Button>
      <ConfirmModal
        opened={confirming}
        title={t('counsel.withdraw.title')}
        message={t('counsel.withdraw.message', { title: proposal.title })}
        confirmLabel={t('counsel.withdraw.confirm')}
        loading={withdraw.isPending}
        error={withdraw.error}
        onConfirm={() =>
          withdraw.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(t('counsel.withdraw.done'));
              confirm.close();
            },
          })
        }
        onClose={() => {
          withdraw.reset();
          confirm.close();
        }}
      />
    </Group>
  );
}

/** The brief as a form, in place of the brief; saved, the page shows the brief again. */
function EditBrief({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const [initialValues] = useState(() => briefOf(proposal, language));
  const needs = useNeeds();
  const update = useUpdateProposal(proposal.id);
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h4" mb="md">
        {t('counsel.proposal.editTitle')}
      </Title>
      <BriefForm
        initialValues={initialValues}
        needs={needs.data ?? (needs.error ? [] : undefined)}
        submitLabel={t('common.save')}
        saving={update.isPending}
        error={update.error && Object.keys(briefErrorsOf(t, update.error)).length === 0 ? update.error : null}
        onCancel={onDone}
        onSubmit={(values, form) =>
          update.mutate(briefBody(values, language), {
            onSuccess: () => {
              notifySuccess(t('counsel.proposal.saved'));
              onDone();
            },
            onError: (error) => form.setErrors(briefErrorsOf(t, error)),
          })
        }
      />
    </Card>
  );
}
