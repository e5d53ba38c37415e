import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ProposalStatus, STATUS_COLORS, statusLabel } from './counsel-labels';

export function ProposalStatusBadge({ status, size = 'sm' }: { status: ProposalStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size} tt="none" style={{ flexShrink: 0 }}>
      {statusLabel(t, status)}
    </Badge>
  );
}

/** The proposal serves no need the director recognised: the director sees it at once. */
export function FlaggedBadge({ size = 'sm' }: { size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color="orange"
      variant="outline"
      size={size}
      tt="none"
      style={{ flexShrink: 1, minWidth: 0, maxWidth: '100%' }}
    >
      {t('counsel.flagged')}
    </Badge>
  );
}

export function RecognisedBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="green" variant="filled" size="sm" tt="none" style={{ flexShrink: 0 }}>
      {t('counsel.needs.recognised')}
    </Badge>
  );
}
