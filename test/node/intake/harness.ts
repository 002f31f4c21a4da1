import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WatchSpec } from '../../../src/common/contract/intake';
import type { DoctorRow } from '../../../src/common/contract/token-status';
import { PassStateStore } from '../../../src/node/intake/pass-state';
import { type PassDeps, type PassRequest, runPass } from '../../../src/node/intake/sync-pass';
import type { FakeStorageOptions } from '../../fakes/altinn-storage';
import { harness } from '../downloads/harness';

export const APP = 'ttd/mottak';

/** The doctor's answer in these tests: what a real profile check says when Altinn refuses the token. */
export const doctorRows: DoctorRow[] = [
  {
    id: 'exchange',
    status: 'fail',
    label: 'doctor.exchange',
    detail: 'Altinn answered 401',
    hintCode: 'ALTINN_EXCHANGE_UNAUTHORIZED',
  },
];

/** A watch of profile p1 on APP into `target`: complete instances, confirm on, every 10 minutes. */
export function watchSpec(target: string, overrides: Partial<WatchSpec> = {}): WatchSpec {
  return {
    profileId: 'p1',
    appId: APP,
    target,
    selection: { kind: 'complete' },
    confirm: true,
    intervalMinutes: 10,
    concurrency: 4,
    ...overrides,
  };
}

/**
 * A watch over the Storage fake (test/fakes/altinn-storage.ts) with the real StorageClient and
 * DownloadManager (test/node/downloads/harness.ts), its pass state in a temp home.
 */
export async function intakeHarness(
  options: Partial<FakeStorageOptions> = {},
  extra: { tokenPrefix?: string; spec?: Partial<WatchSpec> } = {},
) {
  const h = await harness(options, { tokenPrefix: extra.tokenPrefix });
  const home = await mkdtemp(join(tmpdir(), 'mpd-intake-home-'));
  const explained: string[] = [];
  const deps: PassDeps = {
    home,
    storageFor: async () => ({ client: h.client, environment: h.environment }),
    downloads: h.manager,
    now: () => new Date(),
    explain: async (profileId) => {
      explained.push(profileId);
      return doctorRows;
    },
  };
  const spec = watchSpec(h.target, extra.spec);
  return {
    ...h,
    home,
    deps,
    spec,
    explained,
    pass(request: Partial<Omit<PassRequest, 'spec'>> & { spec?: Partial<WatchSpec> } = {}) {
      return runPass(deps, { by: 'cli', ...request, spec: { ...spec, ...request.spec } });
    },
    state(override: Partial<WatchSpec> = {}) {
      return new PassStateStore(home, { ...spec, ...override }).read();
    },
    /** Forget the requests so far, to count those of the next pass. */
    resetRequests() {
      h.fake.requests.length = 0;
    },
    async cleanup() {
      await h.cleanup();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export type IntakeHarness = Awaited<ReturnType<typeof intakeHarness>>;
