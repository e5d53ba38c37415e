import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../contracts/constants';
import { sortRoles } from '../app/roles';

const ROLE_COLORS: Record<Role, string> = {
  member: 'gray',
  manager: 'teal',
  director: 'grape',
  advisor: 'orange',
  admin: 'blue',
};

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {sortRoles(roles).map((role) => (
        <Badge key={role} color={ROLE_COLORS[role]} variant="light" size="md" tt="none" style={{ flexShrink: 0 }}>
          {t(`roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}
