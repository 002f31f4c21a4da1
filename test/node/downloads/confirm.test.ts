import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
