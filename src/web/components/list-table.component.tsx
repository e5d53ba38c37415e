import { Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A list as a table that scrolls sideways on a narrow screen, with a last column for each row's actions
 * (its heading is there for screen readers only). The rows are the children.
 */
export function ListTable({
  minWidth,
  columns,
  actions = true,
  highlightOnHover,
  children,
}: {
  minWidth: number;
  /** The visible column headings, in order. */
  columns: ReactNode[];
  /** false when no row has actions for this person */
  actions?: boolean;
  highlightOnHover?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" highlightOnHover={highlightOnHover}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the headings are fixed per table
              <Table.Th key={i}>{column}</Table.Th>
            ))}
            {actions && (
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
