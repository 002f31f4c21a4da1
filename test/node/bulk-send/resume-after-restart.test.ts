import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliStorageWorld, startCliStorageWorld } from '../../helpers/cli-storage-world';
import { orgNumberFor } from '../../helpers/party-numbers';
import { spawnMpd } from '../../helpers/spawn-mpd';
import { testServices } from '../../helpers/test-services';
import { SOKNAD } from '../acts/acts-harness';

const READ = 'altinn:serviceowner/instances.read';
const WRITE = 'altinn:serviceowner/instances.write';
const PASSPHRASE = 'restart-test-vault-passphrase';
const orgs = Array.from({ length: 24 }, (_, i) => ({ partyId: 90_000 + i, orgNumber: orgNumberFor(700 + i) }));

/**
 * A send cut off in the middle (kill -9 of the process that ran it, as when the app or the machine goes down)
 * and the app started again over the same home (issue 22, item 5): the window's channels list the unfinished
 * send from its journal, open it again, and send the rest — rows left pending are looked up in Altinn first —
 * to exactly one instance per row.
 */
describe('an unfinished send after a restart', () => {
  let w: CliStorageWorld;
  beforeAll(async () => {
    w = await startCliStorageWorld({ orgNo: '991825827', scopes: [READ, WRITE], vaultPassphrase: PASSPHRASE });
    w.storage.writes.defineApp(SOKNAD);
    for (const [i, o] of orgs.entries())
      w.storage.writes.addParty({ ...o, name: `BEDRIFT ${i}`, partyTypeName: 2, unitType: 'AS' });
  });
  afterAll(async () => w?.close());

  const instancesOf = (orgNumber: string) =>
    [...w.storage.instances.values()].filter(
      (i) => i.spec.appId === SOKNAD.id && i.spec.owner?.organisationNumber === orgNumber,
    );

  it('is listed by send:unfinished, opened by send:reopen and resumed to exactly one instance per row', async () => {
    const sheet = join(w.home, 'restart.csv');
    await writeFile(
      sheet,
      `orgno;prefill.Soknad.Formaal\n${orgs.map((o, i) => `${o.orgNumber};Rad ${i}`).join('\n')}\n`,
    );
    // The first run: killed while rows are on their way (their answers come after it has died).
    w.storage.latencyMs = 200;
    const first = spawnMpd(
      w.home,
      ['instances', 'send', '--profile', 'P', '--app', SOKNAD.id, '--csv', sheet, '--concurrency', '4'],
      { MPD_VAULT_PASSPHRASE: PASSPHRASE },
    );
    const creates = () => w.storage.requests.filter((r) => r.op === 'instantiate-create').length;
    for (let i = 0; i < 400 && creates() < 8; i++) await new Promise((r) => setTimeout(r, 50));
    expect(creates(), first.err()).toBeGreaterThanOrEqual(8);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    w.storage.latencyMs = 0;
    const made = orgs.filter((o) => instancesOf(o.orgNumber).length > 0).length;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(orgs.length);

    // A dry run now: the rows left pending are not failed — they are looked up, then sent if not found (exit 0).
    const dry = await w.mpd(
      'instances',
      'send',
      '--profile',
      'P',
      '--app',
      SOKNAD.id,
      '--csv',
      sheet,
      '--dry-run',
      '--json',
    );
    expect(dry.code, dry.err).toBe(0);
    const dryJson = JSON.parse(dry.out) as { failed: number; rows: { status: string }[] };
    expect(dryJson.failed).toBe(0);
    expect(dryJson.rows.filter((r) => r.status === 'would-send').length).toBeGreaterThan(0);

    // The app again: new services over the same home (the vault unlocked as the window does).
    const t = testServices(w.home);
    const call = async <T>(channel: string, input?: unknown): Promise<T> => {
      const answer = await t.dispatch(channel, input);
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
      return answer.result as T;
    };
    await call('keys:vault-unlock', { passphrase: PASSPHRASE });
    const unfinished =
      await call<{ journalId: string; fileName: string; appId: string; done: number; open: number }[]>(
        'send:unfinished',
      );
    expect(unfinished).toHaveLength(1);
    const [u] = unfinished as [(typeof unfinished)[number]];
    expect(u).toMatchObject({ fileName: 'restart.csv', appId: SOKNAD.id });
    expect(u.done + u.open).toBe(orgs.length);
    expect(u.open).toBeGreaterThan(0);
    // The window never sees the spreadsheet's path.
    expect(JSON.stringify(unfinished)).not.toContain(w.home);

    const reopened = await call<{ fileId: string; profileId?: string; appId: string }>('send:reopen', {
      journalId: u.journalId,
    });
    expect(reopened.profileId).toBeTruthy();
    const target = { profileId: reopened.profileId, appId: reopened.appId, fileId: reopened.fileId };
    const plan = await call<{ summary: { toSend: number; alreadySent: number }; rows: { status: string }[] }>(
      'send:plan',
      target,
    );
    expect(plan.summary.alreadySent).toBe(u.done);
    expect(plan.summary.toSend).toBe(u.open);
    // The rows that were on their way at the kill are pending: looked up before anything is sent for them.
    expect(plan.rows.filter((r) => r.status === 'pending').length).toBeGreaterThan(0);

    const started = await call<{ jobId: string }>('send:start', target);
    const done = await t.services.bulkSend.wait(started.jobId);
    expect(done).toMatchObject({ state: 'completed', failed: 0, alreadySent: u.done });
    expect(done.sent).toBe(u.open);
    for (const o of orgs) expect(instancesOf(o.orgNumber), o.orgNumber).toHaveLength(1);
    expect(w.storage.instances.size).toBe(orgs.length);
    expect(await call('send:unfinished')).toEqual([]);
  }, 90_000);

  it("a job's summary, its report and the exported CSV count the same: refused rows and rows a stop left unsent are failed", async () => {
    const t = testServices(w.home);
    const call = async <T>(channel: string, input?: unknown): Promise<T> => {
      const answer = await t.dispatch(channel, input);
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
      return answer.result as T;
    };
    await call('keys:vault-unlock', { passphrase: PASSPHRASE });
    const [profile] = await call<{ id: string }[]>('profiles:list', { environmentId: 'local' });
    const pick = async (name: string, lines: string[]) => {
      const path = join(w.home, name);
      await writeFile(path, `orgno;prefill.Soknad.Formaal\n${lines.join('\n')}\n`);
      t.desktop.answers.openFile = path;
      const file = await call<{ fileId: string }>('send:choose-file');
      return { profileId: profile?.id, appId: SOKNAD.id, fileId: file.fileId, batch: name };
    };

    // A bad checksum (refused by the checks) and a party Register does not know (refused by Altinn).
    const mixed = await pick('blandet.csv', [
      `${orgs[0]?.orgNumber};a`,
      '910753615;feil sjekksiffer',
      `${orgs[1]?.orgNumber};b`,
      '974760673;ukjent part',
    ]);
    const job = await call<{ jobId: string }>('send:start', mixed);
    const summary = await t.services.bulkSend.wait(job.jobId);
    const failedBy = { checks: 1, sending: 1, stopped: 0 };
    expect(summary).toMatchObject({ state: 'partial', total: 4, sent: 2, alreadySent: 0, failed: 2, failedBy });
    const report = await call<{
      sent: number;
      alreadySent: number;
      failed: number;
      rows: { status: string; failedBy?: string }[];
    }>('send:report', { jobId: job.jobId });
    expect(report).toMatchObject({ sent: 2, alreadySent: 0, failed: 2, failedBy });
    expect(report.rows.map((r) => [r.status, r.failedBy])).toEqual([
      ['sent', undefined],
      ['failed', 'checks'],
      ['sent', undefined],
      ['failed', 'sending'],
    ]);
    const detail = await call<{ rows: { status: string }[] }>('send:get', { jobId: job.jobId });
    expect(detail.rows.map((r) => r.status)).toEqual(['sent', 'invalid', 'sent', 'failed']);
    t.desktop.answers.saveFile = join(w.home, 'blandet-rapport.csv');
    await call('send:export-report', { jobId: job.jobId });
    const csv = await readFile(join(w.home, 'blandet-rapport.csv'), 'utf8');
    const failedLines = csv.split('\r\n').filter((l) => l.includes(';failed;'));
    expect(failedLines).toHaveLength(summary.failed);
    expect(failedLines.map((l) => l.split(';').at(-1))).toEqual(['checks', 'sending']);

    // A send stopped half-way: the rows it never started are not sent, so they count as failed once it has ended.
    const rows = orgs.slice(12, 24);
    const stopped = await pick(
      'stoppet.csv',
      rows.map((o) => `${o.orgNumber};stopp`),
    );
    w.storage.latencyMs = 150;
    const running = await call<{ jobId: string }>('send:start', { ...stopped, concurrency: 2 });
    const creates = () => w.storage.requests.filter((r) => r.op === 'instantiate-create' && r.status === 201).length;
    const before = creates();
    for (let i = 0; i < 200 && creates() - before < 2; i++) await new Promise((r) => setTimeout(r, 25));
    await call('send:cancel', { jobId: running.jobId });
    const end = await t.services.bulkSend.wait(running.jobId);
    w.storage.latencyMs = 0;
    expect(end.state).toBe('cancelled');
    expect(end.sent).toBeGreaterThan(0);
    expect(end.sent).toBeLessThan(rows.length);
    expect(end.sent + end.failed).toBe(rows.length);
    expect(end.failedBy).toEqual({ checks: 0, sending: 0, stopped: end.failed });
    const stopReport = await call<{
      sent: number;
      failed: number;
      rows: { status: string; failedBy?: string; error?: { code: string } }[];
    }>('send:report', { jobId: running.jobId });
    expect(stopReport).toMatchObject({ sent: end.sent, failed: end.failed, failedBy: end.failedBy });
    expect(stopReport.rows.filter((r) => r.failedBy === 'stopped' && r.error?.code === 'SEND_CANCELLED')).toHaveLength(
      end.failed,
    );
    const stopDetail = await call<{ rows: { status: string }[] }>('send:get', { jobId: running.jobId });
    expect(stopDetail.rows.filter((r) => r.status === 'not-sent')).toHaveLength(end.failed);
  }, 60_000);
});
