import { Alert, Code, Group, Stack, Text } from '@mantine/core';
import { CopyButton } from '../../components/copy-button.component';

/** A secret shown once, with a way to copy it. */
export function ShownOnce({ title, note, value }: { title: string; note: string; value: string }) {
  return (
    <Alert color="blue" title={title}>
      <Stack gap="xs">
        <Text size="sm">{note}</Text>
        <Code block data-testid="shown-once" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {value}
        </Code>
        <Group>
          <CopyButton value={value} context={title} />
        </Group>
      </Stack>
    </Alert>
  );
}
