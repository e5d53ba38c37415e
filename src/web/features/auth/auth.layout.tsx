import { Box, Container, Group, Paper, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { LanguageToggle } from '../../components/language-toggle.component';

/** The frame of the pages one sees before signing in: no menu, a language toggle. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(`${title} · Klantwerk`);
  return (
    <Box component="main" mih="100vh" bg="gray.0" py={{ base: 'md', sm: 48 }} px="md">
      <Container size={460} px={0}>
        <Group justify="space-between" mb="lg" h={40}>
          <Text fw={800} size="xl" c="blue.8">
            Klantwerk
          </Text>
          <LanguageToggle />
        </Group>
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
          <Title order={1} size="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
