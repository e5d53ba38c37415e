import { Alert, Badge, Button, FileInput, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult, ImportRow } from '../../../contracts/workforce.contract';
import { PageHeader } from '../../components/page-header.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { CodeCards } from './code-cards.component';
import { useImportPreview, useResendInvitation, useRunImport } from './workforce.api';

/** Members from a CSV file or pasted rows: a preview with each row's problems first, then the import. */
export function ImportMembersPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<string | null>(null);
  const preview = useImportPreview();
  const run = useRunImport();
  const current = preview.data && checked === text ? preview.data : null;
  const fine = current ? current.rows.length - current.problemRows : 0;

  return (
    <>
      <PageHeader title={t('workforce.import.title')} description={t('workforce.import.intro')} />
      {run.data ? (
        <Stack>
          <Alert color="green" role="status" title={t('workforce.import.doneTitle')}>
            {t(run.data.mailed < run.data.invited ? 'workforce.import.doneLinks' : 'workforce.import.done', {
              invited: run.data.invited,
              mailed: run.data.mailed,
              codes: run.data.codes.length,
            })}
            {run.data.teamsMade.length > 0 && (
              <> {t('workforce.import.teamsMade', { teams: run.data.teamsMade.join(', ') })}</>
            )}
          </Alert>
          <Unmailed invitations={run.data.invitations} />
          <CodeCards codes={run.data.codes} />
          <Group>
            <Button
              variant="default"
              onClick={() => {
                run.reset();
                preview.reset();
                setText('');
                setChecked(null);
              }}
            >
              {t('workforce.import.again')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">{t('workforce.import.columns')}</Text>
          <FileInput
            label={t('workforce.import.file')}
            accept=".csv,text/csv,text/plain"
            clearable
            onChange={(file) => {
              if (file) void file.text().then((content) => setText(content));
            }}
          />
          <Textarea
            label={t('workforce.import.paste')}
            description={t('workforce.import.pasteHelp')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={6}
            maxRows={16}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <ProblemAlert error={preview.error ?? run.error} />
          <Group>
            <Button
              variant={current ? 'default' : 'filled'}
              disabled={!text.trim()}
              loading={preview.isPending}
              onClick={() => preview.mutate(text, { onSuccess: () => setChecked(text) })}
            >
              {t('workforce.import.check')}
            </Button>
            {current && (
              <Button
                disabled={current.problemRows > 0 || fine === 0}
                loading={run.isPending}
                onClick={() => run.mutate(text)}
              >
                {t('workforce.import.run', { count: fine })}
              </Button>
            )}
          </Group>
          {current && (
            <section aria-labelledby="import-preview">
              <Text component="h2" id="import-preview" fw={700} size="lg">
                {t('workforce.import.previewTitle')}
              </Text>
              <Text size="sm" mb="sm" role="status">
                {current.problemRows > 0
                  ? t('workforce.import.withProblems', { count: current.problemRows, total: current.rows.length })
                  : t('workforce.import.allFine', { count: current.rows.length })}
              </Text>
              <PreviewTable rows={current.rows} />
            </section>
          )}
        </Stack>
      )}
    </>
  );
}

function PreviewTable({ rows }: { rows: ImportRow[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workforce.import.line')}</Table.Th>
            <Table.Th>{t('workforce.import.name')}</Table.Th>
            <Table.Th>{t('workforce.import.email')}</Table.Th>
            <Table.Th>{t('workforce.import.team')}</Table.Th>
            <Table.Th>{t('workforce.import.role')}</Table.Th>
            <Table.Th>{t('workforce.import.language')}</Table.Th>
            <Table.Th>{t('workforce.import.problems')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.line} bg={row.problems.length ? 'red.0' : undefined}>
              <Table.Td>{row.line}</Table.Td>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td>{row.email ?? <Text size="sm">{t('workforce.import.codeInstead')}</Text>}</Table.Td>
              <Table.Td>
                {row.team}
                {row.newTeam && (
                  <Badge ml={6} variant="light" color="blue">
                    {t('workforce.import.newTeam')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{row.role || t('roles.member')}</Table.Td>
              <Table.Td>{row.language}</Table.Td>
              <Table.Td>
                {row.problems.length === 0 ? (
                  <Text size="sm">{t('workforce.import.ok')}</Text>
                ) : (
                  <Stack gap={2}>
                    {row.problems.map((problem) => (
                      <Text key={`${problem.field}-${problem.code}`} size="sm" c="red.9">
                        {t(`workforce.import.problem.${problem.code}`)}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The imported invitations whose mail did not go: each is saved and waits under Invitations; here (or
 * there) it can be sent again, which sends the same invitation with a fresh link, never a second one.
 */
function Unmailed({ invitations }: { invitations: ImportResult['invitations'] }) {
  const { t } = useTranslation();
  const resend = useResendInvitation();
  const [sent, setSent] = useState<Record<string, boolean>>({});
  const waiting = invitations.filter((i) => !i.mailed);
  if (waiting.length === 0) return null;
  return (
    <section aria-labelledby="import-unmailed">
      <Text component="h2" id="import-unmailed" fw={700} size="lg">
        {t('workforce.import.unmailedTitle', { count: waiting.length })}
      </Text>
      <Text size="sm" mb="sm">
        {t('workforce.import.unmailedText')}
      </Text>
      <ProblemAlert error={resend.error} />
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workforce.import.line')}</Table.Th>
            <Table.Th>{t('workforce.import.name')}</Table.Th>
            <Table.Th>{t('workforce.import.email')}</Table.Th>
            <Table.Th>{t('workforce.import.mailState')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {waiting.map((invitation) => (
            <Table.Tr key={invitation.invitationId}>
              <Table.Td>{invitation.line}</Table.Td>
              <Table.Td>{invitation.name}</Table.Td>
              <Table.Td>{invitation.email}</Table.Td>
              <Table.Td>
                {sent[invitation.invitationId] ? (
                  <Text size="sm" role="status">
                    {t('workforce.import.resent')}
                  </Text>
                ) : sent[invitation.invitationId] === false ? (
                  <Text size="sm" role="status">
                    {t('workforce.import.stillNotMailed')}
                  </Text>
                ) : (
                  <Button
                    size="xs"
                    variant="light"
                    loading={resend.isPending && resend.variables === invitation.invitationId}
                    aria-label={`${t('workforce.import.resend')}: ${invitation.email}`}
                    onClick={() =>
                      resend.mutate(invitation.invitationId, {
                        onSuccess: (result) => setSent((s) => ({ ...s, [invitation.invitationId]: !!result.mailedAt })),
                      })
                    }
                  >
                    {t('workforce.import.resend')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
