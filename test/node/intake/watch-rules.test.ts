import { describe, expect, it } from 'vitest';
import type { PassRecord } from '../../../src/common/contract/intake';
import { MAX_BACKOFF_MS, nextPassDelayMs } from '../../../src/node/intake/backoff';
import { emptyRecord } from '../../../src/node/intake/empty-record';
import { failureKind, isAccountProblem } from '../../../src/node/intake/failure-kind';
import { addToHistory, HISTORY_LIMIT } from '../../../src/node/intake/pass-state';
import { watchKey } from '../../../src/node/intake/watch-key';

const MIN = 60_000;

describe('backoff', () => {
  it('waits one interval after a good pass or one failure, then doubles up to an hour', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => nextPassDelayMs(10 * MIN, n) / MIN)).toEqual([10, 10, 20, 40, 60, 60, 60]);
    expect(nextPassDelayMs(2 * MIN, 50)).toBe(MAX_BACKOFF_MS);
  });

  it('never waits less than the interval itself when that is longer than an hour', () => {
    expect(nextPassDelayMs(180 * MIN, 4)).toBe(180 * MIN);
  });
});

describe('failure kinds', () => {
  it('retries what comes and goes', () => {
    for (const code of [
      'STORAGE_NETWORK',
      'STORAGE_UNAVAILABLE',
      'MASKINPORTEN_UNREACHABLE',
      'ALTINN_EXCHANGE_SERVER_ERROR',
      'DOWNLOAD_TARGET_BUSY',
      'SOMETHING_NEW',
    ]) {
      expect(failureKind(code), code).toBe('retry');
    }
  });

  it('stops for what a person must fix, and sends account problems to the doctor', () => {
    for (const code of [
      'STORAGE_UNAUTHORIZED',
      'STORAGE_FORBIDDEN',
      'MASKINPORTEN_EXPIRED_KEY',
      'MASKINPORTEN_UNKNOWN_KID',
      'ALTINN_EXCHANGE_UNAUTHORIZED',
      'PROFILE_NOT_FOUND',
      'VAULT_LOCKED',
      'DOWNLOAD_DISK_FULL',
    ]) {
      expect(failureKind(code), code).toBe('stop');
    }
    expect(isAccountProblem('MASKINPORTEN_EXPIRED_KEY')).toBe(true);
    expect(isAccountProblem('STORAGE_FORBIDDEN')).toBe(true);
    expect(isAccountProblem('DOWNLOAD_DISK_FULL')).toBe(false);
    expect(isAccountProblem('MASKINPORTEN_UNREACHABLE')).toBe(false);
  });
});

describe('the history', () => {
  const record = (outcome: PassRecord['outcome'], n: number): PassRecord => ({
    ...emptyRecord({ startedAt: `2025-01-01T00:0${n}:00Z`, endedAt: `2025-01-01T00:0${n}:30Z`, by: 'app', outcome }),
    id: `r${n}`,
    listRequests: 1,
  });

  it('keeps a run of quiet passes as one record, newest first', () => {
    let h: PassRecord[] = [];
    h = addToHistory(h, record('completed', 1));
    h = addToHistory(h, record('nothing-new', 2));
    h = addToHistory(h, record('nothing-new', 3));
    h = addToHistory(h, record('nothing-new', 4));
    h = addToHistory(h, record('skipped', 5));
    expect(h.map((r) => [r.outcome, r.repeats ?? 1])).toEqual([
      ['skipped', 1],
      ['nothing-new', 3],
      ['completed', 1],
    ]);
    expect(h[1]).toMatchObject({ startedAt: '2025-01-01T00:02:00Z', endedAt: '2025-01-01T00:04:30Z', listRequests: 3 });
  });

  it('keeps at most the newest HISTORY_LIMIT records', () => {
    let h: PassRecord[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = addToHistory(h, { ...record('completed', 1), id: `r${i}` });
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[0]?.id).toBe(`r${HISTORY_LIMIT + 4}`);
  });
});

describe('watch keys', () => {
  const base = { profileId: 'p', appId: 'ttd/a', target: '/srv/mottak', selection: { kind: 'complete' } as const };
  it('are the same for the same profile, app, folder (however spelled) and selection', () => {
    expect(watchKey(base)).toBe(watchKey({ ...base, target: '/srv/mottak/./' }));
    expect(watchKey(base)).not.toBe(watchKey({ ...base, target: '/srv/other' }));
    expect(watchKey(base)).not.toBe(watchKey({ ...base, selection: { kind: 'task', task: 'Task_2' } }));
    expect(watchKey(base)).not.toBe(watchKey({ ...base, profileId: 'q' }));
  });
});
