import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PassRecord } from '../../../src/common/contract/intake';
import { Manifest } from '../../../src/node/downloads/manifest';
import { listFiles } from '../downloads/harness';
import { APP, type IntakeHarness, intakeHarness } from './harness';

/**
 * Passes in other processes: one killed with SIGKILL in the middle of its download, and one holding the
 * watch while this process tries the same watch (and another watch into the same folder).
 */
let h: IntakeHarness;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await h?.cleanup();
});

const root = resolve(__dirname, '../../..');

/** Start pass-child.ts; resolves once its download has finished `instances` instances. */
function startChild(instances: number): Promise<{ child: ChildProcess; record: Promise<PassRecord> }> {
  const started = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'pass-child.ts'),
      JSON.stringify({ environment: h.environment, home: h.home, spec: h.spec }),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child = started;
  let out = '';
  let err = '';
  started.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const record = new Promise<PassRecord>((resolveRecord, reject) => {
    started.on('exit', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith('record '));
      if (line) resolveRecord(JSON.parse(line.slice('record '.length)) as PassRecord);
      else reject(new Error(`child ended (${code ?? signal}) without a record: ${err}`));
    });
  });
  record.catch(() => {});
  return new Promise((resolveStarted, reject) => {
    started.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const moving = out
        .split('\n')
        .map((l) => l.split(' '))
        // Files known: the job runs (and holds the folder), not only the pass.
        .some(
          ([what, phase, done, files]) =>
            what === 'progress' && phase === 'downloading' && Number(done) >= instances && Number(files) > 0,
        );
      if (moving) resolveStarted({ child: started, record });
    });
    started.on('exit', () => reject(new Error(`child ended before downloading: ${err}${out}`)));
  });
}

describe('intake passes across processes', () => {
  it('completes after a pass was killed with SIGKILL mid-download, and duplicates nothing', async () => {
    h = await intakeHarness();
    const instances = h.fake.add(
      Array.from({ length: 10 }, (_, i) => ({
        appId: APP,
        isComplete: true,
        elements: [
          { size: 200_000 + i, filename: 'skjema.pdf' },
          { size: 50_000, filename: 'Skjema.PDF' },
        ],
      })),
    );
    // Slow enough to be caught in the middle.
    h.fake.addFault({ kind: 'data', type: 'slow', delayMs: 120, times: 100 });
    const { child: killed } = await startChild(2);
    killed.kill('SIGKILL');
    await new Promise((r) => killed.once('exit', r));
    const confirmedByChild = instances.filter((i) => h.fake.confirmations(i.id).length > 0).length;
    expect(confirmedByChild).toBeLessThan(instances.length);
    // What the killed pass had verified (its manifest and journal as it left them).
    const manifest = await Manifest.open(h.target);
    const elements = instances.flatMap((i) => i.elements.map((e) => e.id));
    const verifiedByChild = elements.filter((id) => manifest.verified(id));
    expect(verifiedByChild.length).toBeGreaterThan(0);
    h.fake.clearFaults();
    h.resetRequests();

    // The killed pass left its locks: both are taken over (their process is gone).
    const { record, state } = await h.pass();
    expect(record.outcome).toBe('completed');
    for (const i of instances) expect(h.fake.confirmations(i.id).map((c) => c.stakeholderId)).toEqual(['ttd']);
    // Nothing the killed pass verified is fetched again; the rest once each.
    for (const id of verifiedByChild) expect(h.fake.count('data', (r) => r.elementId === id)).toBe(0);
    for (const id of elements) expect(h.fake.count('data', (r) => r.elementId === id)).toBeLessThanOrEqual(1);
    expect(h.fake.count('complete')).toBe(instances.length - confirmedByChild);
    // Each instance folder holds instance.json and its two files, under the same names; nothing else.
    const files = (await listFiles(h.target)).filter((f) => !f.startsWith('.mpd'));
    expect(files.length).toBe(instances.length * 3);
    expect(files.filter((f) => f.endsWith('.part') || f.includes(' (3)'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('skjema.pdf')).length).toBe(instances.length);
    expect(files.filter((f) => f.endsWith('Skjema (2).PDF')).length).toBe(instances.length);
    expect(state?.retry).toEqual([]);
    expect((await listFiles(h.target)).includes('.mpd-download.lock')).toBe(false);
  });

  it('lets one process run a watch at a time: the other skips, and another watch into the folder skips too', async () => {
    h = await intakeHarness();
    h.fake.add(Array.from({ length: 4 }, () => ({ appId: APP, isComplete: true, elements: [{ size: 100_000 }] })));
    const [annen] = h.fake.add([{ appId: 'ttd/annen', isComplete: true, elements: [{ size: 100 }] }]);
    h.fake.addFault({ kind: 'data', type: 'slow', delayMs: 400, times: 4 });
    const { record: theirs } = await startChild(0);

    const mine = await h.pass();
    expect(mine.record.outcome).toBe('skipped');
    expect(mine.record.error?.code).toBe('INTAKE_PASS_BUSY');
    expect(mine.state).toBeUndefined();

    // Another app into the same folder: its own watch, but the folder is being written.
    const other = await h.pass({ spec: { appId: 'ttd/annen' } });
    expect(other.record.outcome).toBe('skipped');
    expect(other.record.error?.code).toBe('DOWNLOAD_TARGET_BUSY');
    expect(h.fake.count('data', (r) => r.instanceId === annen?.id)).toBe(0);

    const record = await theirs;
    expect(record).toMatchObject({ outcome: 'completed', downloaded: 4 });
    // Only the process that ran the pass wrote the history.
    const history = (await h.state()).history;
    expect(history.map((r) => r.outcome)).toEqual(['completed']);
    const again = await h.pass({ spec: { appId: 'ttd/annen' } });
    expect(again.record).toMatchObject({ outcome: 'completed', downloaded: 1 });
  });
});
