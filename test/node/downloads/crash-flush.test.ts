import { spawn } from 'node:child_process';
import { readdir, readFile, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_NAME } from '../../../src/node/downloads/manifest';
import { harness } from './harness';

type Harness = Awaited<ReturnType<typeof harness>>;
let h: Harness | undefined;
afterEach(async () => h?.cleanup());

const child = join(__dirname, 'fixtures', 'download-until-flush.ts');

/** Every file under `dir` whose name is final: not hidden, not instance.json. */
async function finalFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && !e.name.startsWith('.') && e.name !== 'instance.json') out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

describe('a crash between rename and flush (flush-batch.ts)', () => {
  it('leaves no confirmed instance and nothing in the manifest; the next run re-verifies the files by size and MD5', async () => {
    h = await harness();
    const instances = h.fake.add(
      Array.from({ length: 4 }, (_, i) => ({
        appId: 'ttd/crash',
        isComplete: true,
        // The first two from before Storage stopped hashing (their MD5 is known), the others from after.
        ...(i < 2 ? { created: `2022-06-01T08:0${i}:00Z` } : {}),
        elements: [
          { size: 20_000 + i, filename: `skjema-${i}.xml` },
          // Over 512 KiB: the streamed path (stream-to-file.ts), not the small one.
          { size: 700_000 + i, filename: `vedlegg-${i}.pdf` },
        ],
      })),
    );
    const elements = instances.flatMap((i) => i.elements);

    // 1. A run whose flushes never finish, killed once every file is renamed and the flush has begun.
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, JSON.stringify({ environment: h.environment, target: h.target, appId: 'ttd/crash' })],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    proc.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
    const deadline = Date.now() + 30_000;
    while ((await finalFiles(h.target).catch(() => [])).length < elements.length) {
      if (Date.now() > deadline) throw new Error(`the child never renamed every file: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    proc.kill('SIGKILL');
    await exited;

    // Every file is under its final name, verified before the rename…
    const onDisk = await finalFiles(h.target);
    expect(onDisk).toHaveLength(elements.length);
    // …but none was recorded as verified (nothing was flushed), and nothing was confirmed.
    const journal = await readFile(join(h.target, JOURNAL_NAME), 'utf8').catch(() => '');
    expect(journal).not.toContain('"verified"');
    expect(h.fake.count('complete')).toBe(0);
    for (const i of instances) expect(h.fake.confirmations(i.id)).toEqual([]);

    // 2. A power cut would have lost some of those bytes: one file comes back short, one empty.
    const short = onDisk.find((f) => f.endsWith('vedlegg-1.pdf')) as string;
    const empty = onDisk.find((f) => f.endsWith('skjema-2.xml')) as string;
    await truncate(short, 100_000);
    await truncate(empty, 0);

    // 3. The next run: what is whole is re-verified by size and MD5 (not fetched again) and flushed;
    // what is not is fetched again, and so is every file without an MD5 to check it by (a file of the
    // right size may still hold what a power cut left); then every instance is confirmed.
    const dataBefore = h.fake.count('data');
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'query', filters: { appId: 'ttd/crash' } },
      target: h.target,
      confirm: true,
    });
    const end = await h.manager.wait(job.jobId);
    expect(end.state).toBe('completed');
    // Hashed: vedlegg-1 was cut short, the other three re-verified. Without a hash: all four fetched.
    expect(end.elements).toMatchObject({ done: 5, skipped: 3, failed: 0, md5Checked: 4, sizeChecked: 4 });
    const fetched = h.fake.count('data') - dataBefore;
    expect(fetched).toBe(5);
    for (const i of instances) expect(h.fake.confirmations(i.id).map((c) => c.stakeholderId)).toEqual(['ttd']);
    // Byte for byte what Storage holds, under the same names.
    for (const e of elements) {
      const file = onDisk.find((f) => f.endsWith(e.spec.filename as string)) as string;
      expect((await stat(file)).size).toBe(e.spec.size);
      expect((await readFile(file)).equals(h.fake.content(e.id))).toBe(true);
    }
  }, 60_000);
});
