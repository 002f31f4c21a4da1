import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listFiles } from '../downloads/harness';
import { APP, doctorRows, type IntakeHarness, intakeHarness } from './harness';

let h: IntakeHarness;
afterEach(async () => {
  await h?.cleanup();
});

const at = (minute: number, fraction = '') => `2025-02-01T10:${String(minute).padStart(2, '0')}:00${fraction}Z`;

/** Every element of these instances is in the folder, byte for byte as Storage has it. */
async function expectSaved(instances: { id: string; elements: { id: string }[] }[]) {
  const manifest = JSON.parse(await readFile(join(h.target, '.mpd-manifest.json'), 'utf8')) as {
    elements: Record<string, { path: string }>;
  };
  for (const instance of instances) {
    for (const element of instance.elements) {
      const path = manifest.elements[element.id]?.path;
      expect(path, `${instance.id} ${element.id}`).toBeDefined();
      const bytes = await readFile(join(h.target, path as string));
      expect(createHash('md5').update(bytes).digest('base64')).toBe(h.fake.md5(element.id));
    }
  }
}

const dataRequestsFor = (instanceId: string) => h.fake.count('data', (r) => r.instanceId === instanceId);

describe('an intake pass', () => {
  it('downloads and confirms only the new complete instances, and says what it did', async () => {
    h = await intakeHarness();
    const [a, b, c, inProcess, confirmedBefore, otherApp] = h.fake.add([
      { appId: APP, isComplete: true, elements: [{ size: 12_000, filename: 'skjema.xml' }, { size: 700_000 }] },
      { appId: APP, isComplete: true, elements: [{ size: 3_000, filename: 'vedlegg.pdf' }] },
      { appId: APP, isComplete: true, elements: [] },
      { appId: APP, currentTask: 'Task_1', elements: [{ size: 100 }] },
      { appId: APP, isComplete: true, confirmedBy: ['ttd'], elements: [{ size: 100 }] },
      { appId: 'ttd/annen', isComplete: true, elements: [{ size: 100 }] },
    ]);
    // As listed (the fake's objects are live: our confirms move their lastChanged).
    const listed = [a, b, c].map((i) => i?.lastChanged as string).sort();
    const { record, state } = await h.pass();

    expect(record.outcome).toBe('completed');
    expect(record).toMatchObject({
      newInstances: 3,
      downloaded: 3,
      confirmed: 3,
      files: 3,
      failed: 0,
      listRequests: 1,
    });
    expect(record.bytes).toBe(715_000);
    await expectSaved([a, b, c].map((i) => i as NonNullable<typeof i>));
    for (const i of [a, b, c])
      expect(h.fake.confirmations(i?.id as string).map((x) => x.stakeholderId)).toEqual(['ttd']);
    for (const i of [inProcess, confirmedBefore, otherApp]) expect(dataRequestsFor(i?.id as string)).toBe(0);
    // The download takes the instances as listed: no second GET of each before its files.
    expect(h.fake.count('instance')).toBe(0);
    expect(h.fake.confirmations(inProcess?.id as string)).toEqual([]);
    // The query: our org's confirmations left out, complete only; no mark yet on the first pass.
    const query = new URLSearchParams(h.fake.requests.find((r) => r.kind === 'query')?.query);
    expect(query.get('excludeConfirmedBy')).toBe('ttd');
    expect(query.get('process.isComplete')).toBe('true');
    expect(query.get('lastChanged')).toBeNull();
    // The history names the instances with their files, for the preview.
    expect(record.instances.map((i) => i.id).sort()).toEqual([a, b, c].map((i) => i?.id).sort());
    const first = record.instances.find((i) => i.id === a?.id);
    expect(first?.files.map((f) => f.filename)).toContain('skjema.xml');
    expect(first).toMatchObject({ saved: true, confirmed: true });
    expect(state?.history[0]?.id).toBe(record.id);
    expect(state?.retry).toEqual([]);
    // The mark is the newest lastChanged as listed, not the time of our confirms.
    expect(state?.mark).toBe(listed.at(-1));
  });

  it('confirms files Storage has no valid hash for (none, or one from before a replace), checked by size', async () => {
    h = await intakeHarness();
    const [legacy, recent] = h.fake.add([
      {
        appId: APP,
        isComplete: true,
        created: '2022-04-01T12:00:00Z',
        lastChanged: at(1),
        elements: [
          { size: 2_000, filename: 'skjema.xml' },
          { size: 5_000, filename: 'byttet.pdf' },
        ],
      },
      { appId: APP, isComplete: true, lastChanged: at(2), elements: [{ size: 3_000, filename: 'ny.pdf' }] },
    ]);
    h.fake.replaceElement(legacy?.elements[1]?.id as string, { at: '2024-01-01T00:00:00Z' });
    h.fake.change(legacy?.id as string, { lastChanged: at(1) });

    const { record } = await h.pass();

    expect(record).toMatchObject({ outcome: 'completed', downloaded: 2, confirmed: 2, failed: 0 });
    await expectSaved([legacy, recent].map((i) => i as NonNullable<typeof i>));
    const checks = record.instances.flatMap((i) => i.files.map((f) => [f.filename, f.check]));
    expect(Object.fromEntries(checks)).toEqual({ 'skjema.xml': 'md5', 'byttet.pdf': 'size', 'ny.pdf': 'size' });
  });

  it('with confirm off, counts a file checked by size as settled when it is listed again', async () => {
    h = await intakeHarness({}, { spec: { confirm: false } });
    const [legacy, recent] = h.fake.add([
      {
        appId: APP,
        isComplete: true,
        created: '2022-04-01T12:00:00Z',
        lastChanged: at(2),
        elements: [
          { size: 2_000, filename: 'skjema.xml' },
          { size: 5_000, filename: 'byttet.pdf' },
        ],
      },
      { appId: APP, isComplete: true, lastChanged: at(1), elements: [{ size: 3_000, filename: 'ny.pdf' }] },
    ]);
    h.fake.replaceElement(legacy?.elements[1]?.id as string, { at: '2024-01-01T00:00:00Z' });
    h.fake.change(legacy?.id as string, { lastChanged: at(2) });
    const first = await h.pass();
    expect(first.record).toMatchObject({ outcome: 'completed', downloaded: 2, failed: 0 });
    await expectSaved([legacy, recent].map((i) => i as NonNullable<typeof i>));
    h.resetRequests();

    // The instance with the replaced file is the mark's boundary: listed again, settled from the manifest.
    const second = await h.pass();
    expect(second.record.outcome).toBe('nothing-new');
    expect(h.fake.requests.map((r) => r.kind)).toEqual(['query']);
  });

  it('makes exactly one list request and no data request when nothing is new', async () => {
    h = await intakeHarness();
    h.fake.add([
      { appId: APP, isComplete: true, elements: [{ size: 5_000 }] },
      { appId: APP, isComplete: true, elements: [{ size: 6_000 }] },
    ]);
    expect((await h.pass()).record.outcome).toBe('completed');
    const mark = (await h.state()).mark;
    h.resetRequests();

    const { record } = await h.pass();
    expect(record.outcome).toBe('nothing-new');
    expect(record.listRequests).toBe(1);
    expect(h.fake.requests.map((r) => r.kind)).toEqual(['query']);
    const query = new URLSearchParams(h.fake.requests[0]?.query);
    expect(query.getAll('lastChanged')).toEqual([`gte:${mark}`]);
    expect(query.get('excludeConfirmedBy')).toBe('ttd');

    // Quiet passes are one history record that counts them.
    await h.pass();
    const history = (await h.state()).history;
    expect(history[0]).toMatchObject({ outcome: 'nothing-new', repeats: 2, listRequests: 2 });
    expect(history[1]?.outcome).toBe('completed');
  });

  it('with confirm off, keeps downloaded instances from being fetched again (the mark and the manifest)', async () => {
    h = await intakeHarness({}, { spec: { confirm: false } });
    const instances = h.fake.add([
      { appId: APP, isComplete: true, lastChanged: at(1), elements: [{ size: 5_000 }] },
      { appId: APP, isComplete: true, lastChanged: at(2), elements: [{ size: 5_000 }] },
      { appId: APP, isComplete: true, lastChanged: at(2, '.5'), elements: [{ size: 5_000 }] },
    ]);
    const first = await h.pass();
    expect(first.record).toMatchObject({ outcome: 'completed', downloaded: 3, confirmed: 0 });
    for (const i of instances) expect(h.fake.confirmations(i.id)).toEqual([]);
    expect(first.state?.mark).toBe(at(2, '.5'));
    h.resetRequests();

    const second = await h.pass();
    expect(second.record.outcome).toBe('nothing-new');
    // The boundary instance is listed again (gte) and skipped from the manifest: no data, no instance request.
    expect(h.fake.requests.map((r) => r.kind)).toEqual(['query']);
    expect(second.state?.mark).toBe(at(2, '.5'));
  });

  it('does not miss an instance whose lastChanged equals the mark', async () => {
    h = await intakeHarness();
    const [seen] = h.fake.add([
      { appId: APP, isComplete: true, lastChanged: at(5, '.1234567'), elements: [{ size: 900 }] },
    ]);
    await h.pass();
    expect((await h.state()).mark).toBe(at(5, '.1234567'));
    // Storage committed a second instance with the very same lastChanged after the first pass listed.
    const [twin] = h.fake.add([
      { appId: APP, isComplete: true, lastChanged: at(5, '.1234567'), elements: [{ size: 800 }] },
    ]);
    h.resetRequests();

    const { record } = await h.pass();
    expect(record).toMatchObject({ outcome: 'completed', newInstances: 1, downloaded: 1 });
    expect(dataRequestsFor(twin?.id as string)).toBe(1);
    expect(dataRequestsFor(seen?.id as string)).toBe(0);
    await expectSaved([twin as NonNullable<typeof twin>]);
  });

  it('picks up an instance when it becomes complete later', async () => {
    h = await intakeHarness();
    const [done, later] = h.fake.add([
      { appId: APP, isComplete: true, lastChanged: at(1), elements: [{ size: 1_000 }] },
      { appId: APP, currentTask: 'Task_1', lastChanged: at(0), elements: [{ size: 2_000 }] },
    ]);
    expect((await h.pass()).record.downloaded).toBe(1);
    expect(dataRequestsFor(later?.id as string)).toBe(0);

    h.fake.change(later?.id as string, { isComplete: true });
    const { record } = await h.pass();
    expect(record).toMatchObject({ outcome: 'completed', newInstances: 1, downloaded: 1, confirmed: 1 });
    expect(h.fake.confirmations(later?.id as string).map((c) => c.stakeholderId)).toEqual(['ttd']);
    expect(dataRequestsFor(done?.id as string)).toBe(1);
  });

  it('takes instances at a chosen task', async () => {
    h = await intakeHarness({}, { spec: { selection: { kind: 'task', task: 'Task_2' }, confirm: false } });
    const [atTask, elsewhere] = h.fake.add([
      { appId: APP, currentTask: 'Task_2', elements: [{ size: 1_000 }] },
      { appId: APP, currentTask: 'Task_1', elements: [{ size: 1_000 }] },
    ]);
    const { record } = await h.pass();
    expect(record.downloaded).toBe(1);
    expect(dataRequestsFor(atTask?.id as string)).toBe(1);
    expect(dataRequestsFor(elsewhere?.id as string)).toBe(0);
    expect(new URLSearchParams(h.fake.requests[0]?.query).get('process.currentTask')).toBe('Task_2');
  });

  it('does not download an instance confirmed elsewhere between passes, listed or on the retry list', async () => {
    h = await intakeHarness();
    const [first, failing] = h.fake.add([
      { appId: APP, isComplete: true, elements: [{ size: 1_000 }] },
      { appId: APP, isComplete: true, elements: [{ size: 1_000 }] },
    ]);
    h.fake.addFault({ kind: 'data', instanceId: failing?.id, type: 'status', status: 500, times: 100 });
    const one = await h.pass();
    expect(one.record).toMatchObject({ outcome: 'problems', downloaded: 1, failed: 1 });
    expect(one.state?.retry.map((r) => r.id)).toEqual([failing?.id]);
    expect(h.fake.confirmations(failing?.id as string)).toEqual([]);
    h.fake.clearFaults();

    const [fresh] = h.fake.add([{ appId: APP, isComplete: true, elements: [{ size: 1_000 }] }]);
    // Another machine of ours confirms both meanwhile.
    h.fake.confirmAs(fresh?.id as string, 'ttd');
    h.fake.confirmAs(failing?.id as string, 'ttd');
    h.resetRequests();

    const two = await h.pass();
    expect(two.record.outcome).toBe('nothing-new');
    expect(h.fake.count('data')).toBe(0);
    expect(two.state?.retry).toEqual([]);
    expect(first && dataRequestsFor(first.id)).toBe(0);
  });

  it('keeps its mark where it was when our own confirms change lastChanged', async () => {
    h = await intakeHarness({ now: () => new Date('2025-06-01T00:00:00Z') });
    h.fake.add([
      { appId: APP, isComplete: true, lastChanged: at(3), elements: [{ size: 100 }] },
      { appId: APP, isComplete: true, lastChanged: at(4), elements: [{ size: 100 }] },
    ]);
    await h.pass();
    expect((await h.state()).mark).toBe(at(4));
    h.resetRequests();
    const { record } = await h.pass();
    expect(record.outcome).toBe('nothing-new');
    // Confirmed instances have lastChanged 2025-06-01 now, newer than the mark, but are not listed.
    expect(h.fake.count('query', (r) => r.status === 200)).toBe(1);
    expect(h.fake.requests.length).toBe(1);
  });
});

describe('an intake pass meeting faults', () => {
  it('recovers from a connection reset mid-body: no corrupt file, everything verified and confirmed', async () => {
    h = await intakeHarness();
    const [big] = h.fake.add([{ appId: APP, isComplete: true, elements: [{ size: 900_000, filename: 'stor.pdf' }] }]);
    h.fake.addFault({ kind: 'data', type: 'reset', afterBytes: 300_000 });
    const { record } = await h.pass();
    expect(record.outcome).toBe('completed');
    await expectSaved([big as NonNullable<typeof big>]);
    expect((await listFiles(h.target)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('confirms nothing that failed, remembers it, and fetches it by id next time', async () => {
    h = await intakeHarness();
    const [good, bad] = h.fake.add([
      { appId: APP, isComplete: true, lastChanged: at(1), elements: [{ size: 2_000 }] },
      // From before Storage stopped hashing: the corrupt bytes fail its MD5.
      {
        appId: APP,
        isComplete: true,
        created: '2022-06-01T08:00:00Z',
        lastChanged: at(0),
        elements: [{ size: 2_000 }, { size: 3_000 }],
      },
    ]);
    h.fake.addFault({ kind: 'data', elementId: bad?.elements[1]?.id, type: 'corrupt', times: 100 });
    const one = await h.pass();
    expect(one.record).toMatchObject({ outcome: 'problems', downloaded: 1, failed: 1, confirmed: 1 });
    expect(one.record.problems.map((p) => p.code)).toContain('DOWNLOAD_HASH_MISMATCH');
    expect(h.fake.confirmations(bad?.id as string)).toEqual([]);
    expect(one.state?.retry).toMatchObject([{ id: bad?.id, attempts: 1, code: 'DOWNLOAD_HASH_MISMATCH' }]);
    // The mark moved past the failed instance: only the retry list brings it back.
    expect(one.state?.mark).toBe(at(1));
    h.fake.clearFaults();
    h.resetRequests();

    const two = await h.pass();
    expect(two.record).toMatchObject({
      outcome: 'completed',
      newInstances: 0,
      retried: 1,
      downloaded: 1,
      confirmed: 1,
    });
    expect(h.fake.count('instance', (r) => r.instanceId === bad?.id)).toBeGreaterThanOrEqual(1);
    // Only the element that failed is fetched again.
    expect(h.fake.count('data', (r) => r.elementId === bad?.elements[0]?.id)).toBe(0);
    expect(h.fake.count('data', (r) => r.elementId === bad?.elements[1]?.id)).toBe(1);
    expect(h.fake.confirmations(bad?.id as string).map((c) => c.stakeholderId)).toEqual(['ttd']);
    expect(two.state?.retry).toEqual([]);
    expect(dataRequestsFor(good?.id as string)).toBe(0);
  });

  it('rides out 429 with Retry-After and one 401 inside the pass', async () => {
    h = await intakeHarness();
    const [one] = h.fake.add([{ appId: APP, isComplete: true, elements: [{ size: 4_000 }] }]);
    h.fake.addFault({ kind: 'query', type: 'retry-after', retryAfter: '0' });
    h.fake.addFault({ kind: 'data', type: 'expire-token' });
    const { record } = await h.pass();
    expect(record.outcome).toBe('completed');
    expect(h.tokens.calls.refresh).toBe(1);
    expect(h.fake.requests.some((r) => r.status === 429)).toBe(true);
    await expectSaved([one as NonNullable<typeof one>]);
  });

  it('on Altinn 500 for the listing: fails the pass, keeps the mark, counts the failure, stops nothing', async () => {
    h = await intakeHarness();
    h.fake.add([{ appId: APP, isComplete: true, lastChanged: at(1), elements: [{ size: 100 }] }]);
    await h.pass();
    const [later] = h.fake.add([{ appId: APP, isComplete: true, lastChanged: at(9), elements: [{ size: 100 }] }]);
    h.fake.addFault({ kind: 'query', type: 'status', status: 500, times: 100 });
    const { record, state } = await h.pass();
    expect(record.outcome).toBe('failed');
    expect(record.error?.code).toBe('STORAGE_UNAVAILABLE');
    expect(state).toMatchObject({ mark: at(1), consecutiveFailures: 1 });
    expect(state?.stop).toBeUndefined();
    expect(h.fake.confirmations(later?.id as string)).toEqual([]);

    h.fake.clearFaults();
    const again = await h.pass();
    expect(again.record).toMatchObject({ outcome: 'completed', downloaded: 1 });
    expect(again.state).toMatchObject({ consecutiveFailures: 0, mark: at(9) });
  });

  it('stops with the doctor’s explanation when Altinn refuses every token (401)', async () => {
    h = await intakeHarness({}, { tokenPrefix: 'refused' });
    h.fake.add([{ appId: APP, isComplete: true, elements: [{ size: 100 }] }]);
    const { record, state } = await h.pass();
    expect(record.outcome).toBe('failed');
    expect(record.error?.code).toBe('STORAGE_UNAUTHORIZED');
    expect(state?.stop?.error.code).toBe('STORAGE_UNAUTHORIZED');
    expect(state?.stop?.doctor).toEqual(doctorRows);
    expect(h.explained).toEqual(['p1']);
    expect(state?.consecutiveFailures).toBe(0);
    expect(h.fake.count('data')).toBe(0);
  });

  it('stops when confirming is forbidden (no instances.write), with the files kept and nothing confirmed', async () => {
    h = await intakeHarness({}, { tokenPrefix: 'ro' });
    const [one] = h.fake.add([{ appId: APP, isComplete: true, elements: [{ size: 1_000 }] }]);
    const { record, state } = await h.pass();
    expect(record.outcome).toBe('problems');
    expect(record.problems.map((p) => p.code)).toEqual(['STORAGE_FORBIDDEN']);
    expect(state?.stop?.error.code).toBe('STORAGE_FORBIDDEN');
    expect(state?.retry.map((r) => r.id)).toEqual([one?.id]);
    await expectSaved([one as NonNullable<typeof one>]);
    expect(h.fake.confirmations(one?.id as string)).toEqual([]);
  });

  it('is cancelled cleanly: the mark stays, nothing half-written under a final name', async () => {
    h = await intakeHarness();
    h.fake.add([{ appId: APP, isComplete: true, elements: [{ size: 600_000 }, { size: 600_000 }] }]);
    h.fake.addFault({ kind: 'data', type: 'stall', afterBytes: 100_000, times: 2 });
    const controller = new AbortController();
    const seen: string[] = [];
    const pass = h.pass({
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.phase);
        if (p.phase === 'downloading' && p.bytes.done > 0) controller.abort();
      },
    });
    const { record, state } = await pass;
    expect(record.outcome).toBe('cancelled');
    expect(seen).toContain('listing');
    expect(state?.mark).toBeUndefined();
    expect(h.fake.count('complete')).toBe(0);
    const files = await listFiles(h.target);
    expect(files.filter((f) => !f.endsWith('.part') && !f.endsWith('instance.json') && !f.startsWith('.mpd'))).toEqual(
      [],
    );
  });
});
