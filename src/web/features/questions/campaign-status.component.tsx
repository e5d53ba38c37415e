import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CampaignStatus, STATUS_COLORS, statusLabel } from '../../app/campaign-labels';

export function CampaignStatusBadge({ status, size = 'sm' }: { status: CampaignStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      size={size}
      tt="none"
      style={{ flexShrink: 0, minWidth: 'max-content' }}
    >
      {statusLabel(t, status)}
    </Badge>
  );
}
