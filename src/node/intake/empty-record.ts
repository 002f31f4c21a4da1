import { randomUUID } from 'node:crypto';
import type { PassOutcome, PassRecord } from '../../common/contract/intake';
import type { AppErrorJson } from '../../common/errors/app-error';

/**
 * The record of a pass that brought nothing: every count zero, no problems, no instances. A pass that was
 * skipped or failed before it listed anything is recorded so, with its error.
 */
export function emptyRecord(pass: {
  startedAt: string;
  endedAt: string;
  by: PassRecord['by'];
  outcome: PassOutcome;
  error?: AppErrorJson;
}): PassRecord {
  const { startedAt, endedAt, by, outcome, error } = pass;
  return {
    id: randomUUID(),
    startedAt,
    endedAt,
    by,
    outcome,
    listRequests: 0,
    newInstances: 0,
    retried: 0,
    downloaded: 0,
    files: 0,
    bytes: 0,
    confirmed: 0,
    failed: 0,
    infected: 0,
    problems: [],
    instances: [],
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  };
}
