import { Alert, Button, Card, Group, Image, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IssuedCode } from '../../../contracts/workforce.contract';

// Printing shows the cards only: everything else on the page is hidden on paper.
const PRINT_STYLE = `@media print{body *{visibility:hidden}.code-cards,.code-cards *{visibility:visible}.code-cards{position:absolute;left:0;top:0;width:100%}.code-cards .no-print{display:none}}`;

/** New sign-in codes as printable cards: shown once (the server keeps only a hash). */
export function CodeCards({ codes }: { codes: IssuedCode[] }) {
  const { t } = useTranslation();
  if (!codes.length) return null;
  return (
    <Stack className="code-cards" gap="md">
      <style>{PRINT_STYLE}</style>
      <Alert color="yellow" className="no-print" title={t('workforce.codes.onceTitle')}>
        {t('workforce.codes.onceText')}
      </Alert>
      <Group className="no-print">
        <Button onClick={() => window.print()}>
          {codes.length > 1 ? t('workforce.codes.printAll') : t('workforce.codes.print')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {codes.map((code) => (
          <Card
            key={code.memberId}
            withBorder
            padding="md"
            component="article"
            aria-label={t('workforce.codes.cardOf', { name: code.name })}
          >
            <Group wrap="nowrap" align="flex-start" gap="md">
              <Image
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`}
                alt={t('workforce.codes.qrAlt', { name: code.name })}
                w={128}
                h={128}
              />
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Text fw={700}>{code.name}</Text>
                <Text size="sm">
                  {code.organizationName} · {code.teamName}
                </Text>
                <Text size="sm">{t('workforce.codes.cardHow')}</Text>
                <Text ff="monospace" fw={700} size="lg" data-testid="sign-in-code" style={{ letterSpacing: 1 }}>
                  {code.code}
                </Text>
                <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {code.url.replace(/#.*$/, '')}
                </Text>
              </Stack>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
