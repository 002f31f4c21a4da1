import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Manifest } from '../../../src/node/downloads/manifest';
import { harness } from './harness';

let h: Awaited<ReturnType<typeof harness>>;
afterEach(async () => h?.cleanup());

describe('confirm (POST …/complete)', () => {
  it('confirms each instance after its files are on disk, and they leave the "not confirmed" filter', async () => {
    h = await harness();
    const instances = h.fake.add(
      Array.from({ length: 5 }, () => ({
        appId: 'ttd/app',
        isComplete: true,
        elements: [{ size: 500 }, { size: 700 }],
      })),
    );
    h.fake.add([{ appId: 'ttd/app', isComplete: false, elements: [{ size: 10 }] }]);
    const filters = { appId: 'ttd/app', isComplete: true, excludeConfirmedBy: 'ttd', size: 2 };
    const before = [];
    for await (const page of h.client.pages(filters)) before.push(...page.instances);
    expect(before).toHaveLength(5);

    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'query', filters },
      target: h.target,
      confirm: true,
    });
    const end = await h.manager.wait(job.jobId);
    expect(end.state).toBe('completed');
    expect(end.instances).toMatchObject({ done: 5, confirmed: 5, total: 5 });
    for (const i of instances) expect(h.fake.confirmations(i.id).map((c) => c.stakeholderId)).toEqual(['ttd']);
    // POST on the app API (recommended), one per instance.
    const posts = h.fake.requests.filter((r) => r.kind === 'complete');
    expect(posts.every((r) => r.method === 'POST' && r.via === 'app' && r.path.endsWith('/complete'))).toBe(true);
    expect(posts).toHaveLength(5);
    // Every complete came after both of its instance's data downloads.
    for (const post of posts) {
      const data = h.fake.requests.filter((r) => r.kind === 'data' && r.instanceId === post.instanceId);
      expect(data.every((d) => d.at < post.at)).toBe(true);
    }

    const after = [];
    for await (const page of h.client.pages(filters)) after.push(...page.instances);
    expect(after).toEqual([]);
  });

  it('refuses to confirm in production without the extra yes', async () => {
    h = await harness({}, { env: { production: true } });
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 1 }] }]);
    const start = {
      profileId: 'p1',
      source: { kind: 'query' as const, filters: { appId: 'ttd/app' } },
      target: h.target,
      confirm: true,
    };
    await expect(h.manager.start(start)).rejects.toMatchObject({ code: 'DOWNLOAD_PRODUCTION_CONFIRM_REQUIRED' });
    expect(h.fake.requests).toEqual([]);
    const job = await h.manager.start({ ...start, confirmProduction: true });
    expect((await h.manager.wait(job.jobId)).instances.confirmed).toBe(1);
  });

  it('confirms afterwards only instances whose every element is verified in the folder', async () => {
    h = await harness();
    const [a, b] = h.fake.add([
      { appId: 'ttd/app', elements: [{ size: 100, filename: 'a.txt' }] },
      { appId: 'ttd/app', elements: [{ size: 100, filename: 'b.txt' }] },
    ]);
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'instances', instanceIds: [a!.id, b!.id] },
      target: h.target,
    });
    // Known at once, before any instance is fetched: the Downloads view names the job by it.
    expect(job.chosenInstances).toBe(2);
    expect((await h.manager.wait(job.jobId)).state).toBe('completed');
    // b's file disappears from disk: it is no longer verified.
    await rm(join(h.target, 'ttd_app', b!.id.replace('/', '_'), 'b.txt'));
    const result = await h.manager.confirmAfterwards({
      profileId: 'p1',
      instanceIds: [a!.id, b!.id],
      jobId: job.jobId,
    });
    expect(result.results).toEqual([
      { instanceId: a!.id, confirmed: true },
      { instanceId: b!.id, confirmed: false, error: expect.objectContaining({ code: 'DOWNLOAD_NOT_VERIFIED' }) },
    ]);
    expect(h.fake.confirmations(a!.id)).toHaveLength(1);
    expect(h.fake.confirmations(b!.id)).toEqual([]);
    // Idempotent: a second confirm sends nothing and says so.
    const again = await h.manager.confirmAfterwards({ profileId: 'p1', instanceIds: [a!.id], target: h.target });
    expect(again.results).toEqual([{ instanceId: a!.id, confirmed: true, alreadyConfirmed: true }]);
    expect(h.fake.count('complete')).toBe(1);
  });

  describe('afterwards, from what the folder holds now (issue 17, finding 12)', () => {
    async function downloaded(elements: { size: number; filename: string }[] = [{ size: 300, filename: 'a.txt' }]) {
      h = await harness();
      const [i] = h.fake.add([{ appId: 'ttd/app', isComplete: true, elements }]);
      const job = await h.manager.start({
        profileId: 'p1',
        source: { kind: 'instances', instanceIds: [i!.id] },
        target: h.target,
      });
      expect((await h.manager.wait(job.jobId)).state).toBe('completed');
      return { instance: i!, folder: join(h.target, 'ttd_app', i!.id.replace('/', '_')) };
    }
    const confirm = (instanceId: string) =>
      h.manager.confirmAfterwards({ profileId: 'p1', instanceIds: [instanceId], target: h.target });
    const refused = (instanceId: string) => ({
      results: [{ instanceId, confirmed: false, error: expect.objectContaining({ code: 'DOWNLOAD_NOT_VERIFIED' }) }],
    });

    it('re-hashes the files: bytes changed since they were verified (same size) are not confirmed', async () => {
      const { instance, folder } = await downloaded();
      const bytes = await readFile(join(folder, 'a.txt'));
      bytes[0] = bytes[0]! ^ 0xff;
      await writeFile(join(folder, 'a.txt'), bytes);
      expect(await confirm(instance.id)).toEqual(refused(instance.id));
      expect(h.fake.count('complete')).toBe(0);
    });

    it('does not follow a manifest path out of the folder, nor into another instance’s folder', async () => {
      const { instance, folder } = await downloaded();
      const element = instance.elements[0]!;
      const entry = (await Manifest.open(h.target)).verified(element.id)!;
      // A copy with the right bytes outside the folder, and one in another instance's folder.
      await writeFile(join(h.target, '..', `${element.id}.txt`), await readFile(join(folder, 'a.txt')));
      await mkdir(join(h.target, 'ttd_app', 'other'), { recursive: true });
      await writeFile(join(h.target, 'ttd_app', 'other', 'a.txt'), await readFile(join(folder, 'a.txt')));
      await rm(join(folder, 'a.txt'));
      try {
        for (const path of [`../${element.id}.txt`, 'ttd_app/other/a.txt']) {
          const m = await Manifest.open(h.target);
          m.recordVerified(element.id, { ...entry, path });
          await m.compact();
          expect(await confirm(instance.id), path).toEqual(refused(instance.id));
        }
      } finally {
        await rm(join(h.target, '..', `${element.id}.txt`), { force: true });
      }
      expect(h.fake.count('complete')).toBe(0);
    });

    it('does not count a link to the right bytes as the file', async () => {
      const { instance, folder } = await downloaded();
      await writeFile(join(h.target, 'copy.bin'), await readFile(join(folder, 'a.txt')));
      await rm(join(folder, 'a.txt'));
      await symlink(join(h.target, 'copy.bin'), join(folder, 'a.txt'));
      expect(await confirm(instance.id)).toEqual(refused(instance.id));
    });

    it('confirms what is verified as it is on disk', async () => {
      const { instance } = await downloaded([
        { size: 300, filename: 'a.txt' },
        { size: 700_000, filename: 'b.pdf' },
      ]);
      expect(await confirm(instance.id)).toEqual({ results: [{ instanceId: instance.id, confirmed: true }] });
    });
  });

  it('reports a 403 on complete (no write scope) and leaves the instance unconfirmed', async () => {
    h = await harness({}, { tokenPrefix: 'ro' });
    h.fake.add([{ appId: 'ttd/app', elements: [{ size: 5 }] }]);
    const job = await h.manager.start({
      profileId: 'p1',
      source: { kind: 'query', filters: { appId: 'ttd/app' } },
      target: h.target,
      confirm: true,
    });
    const end = await h.manager.wait(job.jobId);
    expect(end.state).toBe('partial');
    expect(end.instances).toMatchObject({ done: 0, failed: 1, confirmed: 0 });
    expect(h.manager.get(job.jobId).failures[0]?.code).toBe('STORAGE_FORBIDDEN');
  });
});
