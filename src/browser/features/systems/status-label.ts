import type { SystemUserRequestStatus } from '../../../common/contract/systems';
import type { MessageKey } from '../../../common/i18n/translate';

export const STATUS_LABELS: Record<SystemUserRequestStatus, MessageKey> = {
  new: 'systems.statusNew',
  accepted: 'systems.statusAccepted',
  rejected: 'systems.statusRejected',
  denied: 'systems.statusDenied',
  'timed-out': 'systems.statusTimedOut',
};

export function statusLabel(status: SystemUserRequestStatus): MessageKey {
  return STATUS_LABELS[status];
}
