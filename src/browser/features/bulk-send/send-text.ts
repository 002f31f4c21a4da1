import type { ColumnRole, SendFailedBy, SendJobState, SendRowStatus } from '../../../common/contract/bulk-send-types';
import { splitDuration } from '../../../common/format/duration';
import type { MessageKey } from '../../../common/i18n/translate';
import type { T } from '../../hooks/use-t';

export const roleLabels: Record<ColumnRole, MessageKey> = {
  orgno: 'send.roleOrgno',
  fnr: 'send.roleFnr',
  partyId: 'send.rolePartyId',
  visibleAfter: 'send.roleVisibleAfter',
  dueBefore: 'send.roleDueBefore',
  prefill: 'send.rolePrefill',
  attachment: 'send.roleAttachment',
  unknown: 'send.roleUnknown',
};

export const rowStatusLabels: Record<SendRowStatus, MessageKey> = {
  ready: 'send.statusReady',
  invalid: 'send.statusInvalid',
  pending: 'send.statusPending',
  created: 'send.statusCreated',
  sent: 'send.statusSent',
  'already-sent': 'send.statusAlreadySent',
  failed: 'send.statusFailed',
  'not-sent': 'send.statusNotSent',
};

export const rowStatusColors: Record<SendRowStatus, string> = {
  ready: 'neutral',
  invalid: 'danger',
  pending: 'warning',
  created: 'info',
  sent: 'success',
  'already-sent': 'neutral',
  failed: 'danger',
  'not-sent': 'warning',
};

export const jobStateLabels: Record<SendJobState, MessageKey> = {
  running: 'send.stateRunning',
  paused: 'send.statePaused',
  completed: 'send.stateCompleted',
  partial: 'send.statePartial',
  failed: 'send.stateFailed',
  cancelled: 'send.stateCancelled',
};

export function duration(seconds: number, t: T): string {
  const d = splitDuration(seconds);
  if (d.unit === 's') return t('downloads.seconds', { n: d.n });
  if (d.unit === 'min') return t('downloads.minutes', { n: d.n });
  return t('downloads.hoursMinutes', { h: d.h, m: d.m });
}

/** Why the failed rows were not sent, the parts not 0: "2 med feil i raden, 1 feilet under sendingen". */
export function failedWhy(job: { failedBy: SendFailedBy }, t: T): string {
  const parts: string[] = [];
  if (job.failedBy.checks) parts.push(t('send.failedByChecks', { n: job.failedBy.checks }));
  if (job.failedBy.sending) parts.push(t('send.failedBySending', { n: job.failedBy.sending }));
  if (job.failedBy.stopped) parts.push(t('send.failedByStopped', { n: job.failedBy.stopped }));
  return parts.join(', ');
}
