import { Button, Card, Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/* The home page's building blocks: a card of the inbox and one item in it. */

export function InboxCard({
  id,
  title,
  summary,
  tone,
  children,
  footer,
}: {
  id: string;
  title: string;
  summary?: ReactNode;
  tone?: 'urgent';
  children?: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby={id}
      style={tone === 'urgent' ? { borderLeft: '4px solid var(--mantine-color-red-8)' } : undefined}
    >
      <Stack gap="xs">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        {summary}
        {children && (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {children}
          </Stack>
        )}
        {footer && <Group gap="sm">{footer}</Group>}
      </Stack>
    </Card>
  );
}

/** One line of a card: what it is, and the one tap that takes you to where it is done. */
export function InboxItem({
  to,
  action,
  actionLabel,
  children,
  onOpen,
}: {
  to: string;
  action: string;
  actionLabel: string;
  children: ReactNode;
  onOpen?: () => void;
}) {
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="sm" align="center">
      <div style={{ minWidth: 0 }}>{children}</div>
      <Button
        component={Link}
        to={to}
        size="compact-md"
        variant="light"
        aria-label={actionLabel}
        onClick={onOpen}
        style={{ flexShrink: 0 }}
      >
        {action}
      </Button>
    </Group>
  );
}
