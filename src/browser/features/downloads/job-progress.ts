import type { DownloadJobState, DownloadProgress } from '../../../common/contract/downloads';
import type { MessageKey } from '../../../common/i18n/translate';

export const stateLabels: Record<DownloadJobState, MessageKey> = {
  running: 'downloads.stateRunning',
  completed: 'downloads.stateCompleted',
  partial: 'downloads.statePartial',
  failed: 'downloads.stateFailed',
  cancelled: 'downloads.stateCancelled',
};

export const stateColors: Record<DownloadJobState, 'info' | 'success' | 'warning' | 'danger' | 'neutral'> = {
  running: 'info',
  completed: 'success',
  partial: 'warning',
  failed: 'danger',
  cancelled: 'neutral',
};

/**
 * How far a job has come, 0–1: by bytes when sizes are known (files differ a lot in size), else by
 * files. Files already on disk from an earlier run count as done. While Storage is still listing
 * instances the total grows, so the bar can move back a little; `final` says when it cannot.
 */
export function progressFraction(p: Pick<DownloadProgress, 'elements' | 'bytes' | 'instances' | 'state'>): number {
  if (p.state === 'completed') return 1;
  const { elements, bytes } = p;
  if (bytes.total > 0) return Math.min(1, bytes.done / bytes.total);
  const known = elements.total;
  if (known === 0) return 0;
  return Math.min(1, (elements.done + elements.skipped + elements.failed + elements.infected) / known);
}

/** Files that are finished one way or another, of those known so far. */
export function filesSettled(p: Pick<DownloadProgress, 'elements'>): { done: number; total: number } {
  const e = p.elements;
  return { done: e.done + e.skipped, total: e.total };
}
