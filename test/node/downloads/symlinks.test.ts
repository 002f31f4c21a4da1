import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_NAME } from '../../../src/node/downloads/manifest';
import { harness } from './harness';

/**
 * Links already in the download folder (issue 17, finding 6): someone who can write to the folder — a
 * share, another local account — plants a symbolic link where the download will write. The download must
 * never write through it, nor leave it under a final name.
 */
let h: Awaited<ReturnType<typeof harness>>;
let outside: string;
beforeEach(async () => {
  outside = await mkdtemp(join(tmpdir(), 'mpd-outside-'));
});
afterEach(async () => {
  await h?.cleanup();
  await rm(outside, { recursive: true, force: true });
});

const BEFORE = 'the owner’s own file, untouched\n';
const folderOf = (id: string) => join(h.target, 'ttd_app', id.replace('/', '_'));

/** The small path (whole body in memory) and the streamed one (over 512 KiB). */
const paths = [
  { path: 'a small body', size: 40_000 },
  { path: 'a large body (streamed)', size: 900_000 },
];

async function run() {
  const job = await h.manager.start({
    profileId: 'p1',
    source: { kind: 'query', filters: { appId: 'ttd/app' } },
    target: h.target,
  });
  return h.manager.wait(job.jobId);
}

async function isLink(path: string): Promise<boolean> {
  return (await lstat(path)).isSymbolicLink();
}

describe('a symbolic link planted in the download folder', () => {
  it.each(paths)('at .<elementId>.part is not written through, and never becomes the final file: $path', async (p) => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: p.size, filename: 'vedlegg.pdf' }] }]);
    const element = i!.elements[0]!;
    const victim = join(outside, 'victim.txt');
    await writeFile(victim, BEFORE);
    await mkdir(folderOf(i!.id), { recursive: true });
    await symlink(victim, join(folderOf(i!.id), `.${element.id}.part`));

    const end = await run();

    expect(await readFile(victim, 'utf8')).toBe(BEFORE);
    expect(end.state).toBe('completed');
    const final = join(folderOf(i!.id), 'vedlegg.pdf');
    expect(await isLink(final)).toBe(false);
    expect((await readFile(final)).equals(h.fake.content(element.id))).toBe(true);
    expect((await readdir(folderOf(i!.id))).sort()).toEqual(['instance.json', 'vedlegg.pdf']);
  });

  it.each(paths)('at a .part that looks like a partial download is not continued through: $path', async (p) => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: p.size, filename: 'vedlegg.pdf' }] }]);
    const element = i!.elements[0]!;
    // The first bytes of the real file: a .part that a Range request would continue.
    const victim = join(outside, 'victim.bin');
    await writeFile(victim, h.fake.content(element.id).subarray(0, 1000));
    await mkdir(folderOf(i!.id), { recursive: true });
    await symlink(victim, join(folderOf(i!.id), `.${element.id}.part`));

    const end = await run();

    expect((await readFile(victim)).length).toBe(1000);
    expect(end.state).toBe('completed');
    const final = join(folderOf(i!.id), 'vedlegg.pdf');
    expect(await isLink(final)).toBe(false);
    expect((await readFile(final)).equals(h.fake.content(element.id))).toBe(true);
    // Nothing was continued from the link: the one request asked for the whole body.
    expect(h.fake.requests.filter((r) => r.kind === 'data').map((r) => r.range)).toEqual([undefined]);
  });

  it('at a .part that holds the whole file is not renamed into place', async () => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 30_000, filename: 'brev.pdf' }] }]);
    const element = i!.elements[0]!;
    const victim = join(outside, 'complete.bin');
    await writeFile(victim, h.fake.content(element.id));
    await mkdir(folderOf(i!.id), { recursive: true });
    await symlink(victim, join(folderOf(i!.id), `.${element.id}.part`));

    const end = await run();

    expect(end.state).toBe('completed');
    const final = join(folderOf(i!.id), 'brev.pdf');
    expect(await isLink(final)).toBe(false);
    expect(await isLink(victim)).toBe(false);
    expect((await readFile(victim)).equals(h.fake.content(element.id))).toBe(true);
  });

  it('under the final name is not counted as downloaded: the link is replaced by the verified file', async () => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 30_000, filename: 'brev.pdf' }] }]);
    const element = i!.elements[0]!;
    const victim = join(outside, 'same-bytes.bin');
    await writeFile(victim, h.fake.content(element.id));
    await mkdir(folderOf(i!.id), { recursive: true });
    await symlink(victim, join(folderOf(i!.id), 'brev.pdf'));

    const end = await run();

    expect(end.state).toBe('completed');
    expect(end.elements).toMatchObject({ done: 1, skipped: 0 });
    const final = join(folderOf(i!.id), 'brev.pdf');
    expect(await isLink(final)).toBe(false);
    expect((await readFile(final)).equals(h.fake.content(element.id))).toBe(true);
  });

  it('at instance.json’s temp name is not written through', async () => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 100, filename: 'a.txt' }] }]);
    const victim = join(outside, 'victim.txt');
    await writeFile(victim, BEFORE);
    await mkdir(folderOf(i!.id), { recursive: true });
    // The job runs in this process: its temp name for instance.json carries this pid.
    await symlink(victim, join(folderOf(i!.id), `instance.json.${process.pid}.tmp`));

    const end = await run();

    expect(end.state).toBe('completed');
    expect(await readFile(victim, 'utf8')).toBe(BEFORE);
    expect(await isLink(join(folderOf(i!.id), 'instance.json'))).toBe(false);
    expect(JSON.parse(await readFile(join(folderOf(i!.id), 'instance.json'), 'utf8')).id).toBe(i!.id);
  });

  it('at the manifest journal is not appended to', async () => {
    h = await harness();
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 100, filename: 'a.txt' }] }]);
    const victim = join(outside, 'victim.txt');
    await writeFile(victim, BEFORE);
    await symlink(victim, join(h.target, JOURNAL_NAME));

    await expect(run()).rejects.toMatchObject({ code: 'DOWNLOAD_LINK_REFUSED' });

    expect(await readFile(victim, 'utf8')).toBe(BEFORE);
    expect(h.fake.count('data')).toBe(0);
  });

  it.each([
    { what: 'the instance folder', link: (id: string) => folderOf(id) },
    { what: 'the app folder', link: () => join(h.target, 'ttd_app') },
  ])('at $what is refused: nothing is written where it points', async ({ link }) => {
    h = await harness();
    const [i] = h.fake.add([{ appId: 'ttd/app', elements: [{ size: 100, filename: 'a.txt' }] }]);
    await mkdir(join(h.target, 'ttd_app'), { recursive: true });
    await rm(join(h.target, 'ttd_app'), { recursive: true });
    const at = link(i!.id);
    await mkdir(join(at, '..'), { recursive: true });
    await symlink(outside, at);

    const end = await run();

    expect(await readdir(outside)).toEqual([]);
    expect(end.state).toBe('partial');
    expect(end.instances).toMatchObject({ done: 0, failed: 1 });
    expect(h.manager.get(end.jobId).failures).toEqual([
      expect.objectContaining({ instanceId: i!.id, code: 'DOWNLOAD_LINK_REFUSED' }),
    ]);
    expect(h.fake.count('data')).toBe(0);
  });
});
