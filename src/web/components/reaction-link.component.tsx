import { Anchor, Button, Card, Center, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useClipboard, useDisclosure } from '@mantine/hooks';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VoiceLink } from '../../contracts/voice.contract';
import { type LinkSubject, qrPngUrl, qrSvgUrl, useVoiceLink } from '../app/voice-links';
import { AppUrlWarning } from './app-url-warning.component';
import { FreshDialog } from './form-modal.component';
import { ProblemAlert } from './problem-alert.component';
import { ReactionRequestAction } from './reaction-request.component';

// "Vraag de klant om een reactie": the reaction link of an extra or a promise with its QR code. The
// main use is at the counter: the member holds up their phone and the customer scans the code.

interface Subject {
  subject: LinkSubject;
  /** The extra's or the promise's id. */
  id: string;
}

/** The button that opens the QR code; put it where the extra or promise is shown. */
export function AskReactionButton({
  subject,
  id,
  variant = 'light',
}: Subject & { variant?: 'light' | 'filled' | 'default' }) {
  const { t } = useTranslation();
  const [opened, modal] = useDisclosure(false);
  return (
    <>
      <Button variant={variant} onClick={modal.open} aria-haspopup="dialog">
        {t('voice.link.open')}
      </Button>
      <ReactionLinkModal subject={subject} id={id} opened={opened} onClose={modal.close} />
    </>
  );
}

/**
 * A small card with a line of explanation and the buttons (the QR code; asking by e-mail), for a page
 * that has no reaction section of its own. `ready`: the customer may be asked by e-mail (a delivered promise).
 */
export function ReactionLinkCard({ subject, id, ready }: Subject & { ready?: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4">
          {t('voice.link.cardTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {subject === 'extra' ? t('voice.link.cardTextExtra') : t('voice.link.cardTextPromise')}
        </Text>
        <Group gap="sm" align="center">
          <AskReactionButton subject={subject} id={id} />
          <ReactionRequestAction subject={subject} id={id} ready={ready} />
        </Group>
      </Stack>
    </Card>
  );
}

/** Full screen on a phone, so the QR code is as big as the screen allows. The link is only asked for once opened. */
export function ReactionLinkModal({
  subject,
  id,
  opened,
  onClose,
}: Subject & { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FreshDialog opened={opened} onClose={onClose} title={t('voice.link.title')}>
      <ReactionLinkPanel subject={subject} id={id} />
    </FreshDialog>
  );
}

/** The link, its QR code, the downloads and how many reactions came in. */
export function ReactionLinkPanel({ subject, id }: Subject) {
  const { t } = useTranslation();
  const link = useVoiceLink(subject, id);
  if (link.error) return <ProblemAlert error={link.error} />;
  if (!link.data) {
    return (
      <Center mih={240}>
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  return <LinkView link={link.data} />;
}

function LinkView({ link }: { link: VoiceLink }) {
  const { t } = useTranslation();
  const clipboard = useClipboard({ timeout: 2000 });
  const urlInput = useRef<HTMLInputElement>(null);
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  const copy = () => {
    clipboard.copy(link.url);
    // Without the clipboard (a plain-http address) the link is selected, to copy by hand.
    if (typeof navigator === 'undefined' || !('clipboard' in navigator)) urlInput.current?.select();
  };
  return (
    <Stack gap="md">
      <AppUrlWarning />
      <QrImage linkId={link.id} />
      <ReactionCount count={link.reactions} />
      <Text size="sm">
        {t('voice.link.intro')} {t('voice.link.oneReaction')}
      </Text>
      <TextInput
        ref={urlInput}
        label={t('voice.link.url')}
        value={link.url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        error={clipboard.error ? t('voice.link.copyFailed') : undefined}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Group gap="sm">
        <Button
          variant={clipboard.copied ? 'light' : 'default'}
          color={clipboard.copied ? 'green' : undefined}
          onClick={copy}
        >
          {clipboard.copied ? t('voice.link.copied') : t('voice.link.copy')}
        </Button>
        {canShare && (
          <Button
            variant="default"
            onClick={() =>
              void navigator.share({ title: t('voice.link.shareTitle'), url: link.url }).catch(() => undefined)
            }
          >
            {t('voice.link.share')}
          </Button>
        )}
      </Group>
      <QrDownloads linkId={link.id} />
    </Stack>
  );
}

/** The QR code on white with room around it: big enough to scan from a phone screen held up to a customer. */
export function QrImage({ linkId, maxSize = 360 }: { linkId: string; maxSize?: number }) {
  const { t } = useTranslation();
  return (
    <Center>
      <Paper withBorder radius="md" p="xs" bg="white" w="100%" maw={maxSize}>
        <img
          src={qrSvgUrl(linkId)}
          alt={t('voice.link.qrAlt')}
          width={maxSize}
          height={maxSize}
          style={{ display: 'block', width: '100%', height: 'auto', aspectRatio: '1 / 1' }}
        />
      </Paper>
    </Center>
  );
}

/**
 * PNG (for a message or a slide) and SVG (for print at any size). `compact`: short labels ("PNG",
 * "SVG", named in full for screen readers) as loose buttons, to sit among other actions.
 */
export function QrDownloads({
  linkId,
  name = 'klantwerk-qr',
  compact = false,
}: {
  linkId: string;
  name?: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const buttons = (
    <>
      <Button
        component="a"
        href={qrPngUrl(linkId)}
        download={`${name}.png`}
        variant="default"
        size="sm"
        aria-label={compact ? t('voice.link.downloadPng') : undefined}
      >
        {compact ? 'PNG' : t('voice.link.downloadPng')}
      </Button>
      <Button
        component="a"
        href={qrSvgUrl(linkId)}
        download={`${name}.svg`}
        variant="default"
        size="sm"
        aria-label={compact ? t('voice.link.downloadSvg') : undefined}
      >
        {compact ? 'SVG' : t('voice.link.downloadSvg')}
      </Button>
    </>
  );
  return compact ? buttons : <Group gap="sm">{buttons}</Group>;
}

function ReactionCount({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Paper p="sm" radius="md" bg={count > 0 ? 'green.0' : 'gray.0'} role="status">
      <Group gap="xs" justify="space-between">
        <Text size="sm" fw={600}>
          {count > 0 ? t('voice.link.reactions', { count }) : t('voice.link.noReactions')}
        </Text>
        {count > 0 && (
          <Anchor component={Link} to="/customer-voice" size="sm">
            {t('voice.link.toVoice')}
          </Anchor>
        )}
      </Group>
    </Paper>
  );
}
