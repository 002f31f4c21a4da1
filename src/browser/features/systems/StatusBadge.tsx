import { Tag } from '@digdir/designsystemet-react';
import type { SystemUserRequestStatus } from '../../../common/contract/systems';
import { useT } from '../../hooks/use-t';
import { statusLabel } from './status-label';

const COLORS: Record<SystemUserRequestStatus, 'info' | 'success' | 'danger' | 'neutral'> = {
  new: 'info',
  accepted: 'success',
  rejected: 'danger',
  denied: 'danger',
  'timed-out': 'neutral',
};

/** A request's status in words and colour: waiting (blue), approved (green), refused (red), expired (grey). */
export function StatusBadge({ status }: { status: SystemUserRequestStatus }) {
  const t = useT();
  return (
    <Tag data-color={COLORS[status]} data-size="sm" data-testid="systems-status" data-status={status}>
      {t(statusLabel(status))}
    </Tag>
  );
}
