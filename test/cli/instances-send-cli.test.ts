import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliStorageWorld, startCliStorageWorld } from '../helpers/cli-storage-world';
import { parseCsv } from '../helpers/csv-reader';
import { orgNumberFor } from '../helpers/party-numbers';
import { spawnMpd } from '../helpers/spawn-mpd';
import { PDF, SOKNAD } from '../node/acts/acts-harness';

const READ = 'altinn:serviceowner/instances.read';
const WRITE = 'altinn:serviceowner/instances.write';

let w: CliStorageWorld;
const PASSPHRASE = 'send-test-vault-passphrase';
const orgs = Array.from({ length: 100 }, (_, i) => ({ partyId: 70_000 + i, orgNumber: orgNumberFor(100 + i) }));

beforeAll(async () => {
  w = await startCliStorageWorld({ orgNo: '991825827', scopes: [READ, WRITE], vaultPassphrase: PASSPHRASE });
  w.storage.writes.defineApp(SOKNAD);
  for (const [i, o] of orgs.entries())
    w.storage.writes.addParty({ ...o, name: `BEDRIFT ${i}`, partyTypeName: 2, unitType: 'AS' });
  await writeFile(join(w.home, 'brev.pdf'), PDF);
});
afterAll(async () => w?.close());
beforeEach(() => {
  w.storage.requests.length = 0;
  w.storage.latencyMs = 0;
});

const on = ['--profile', 'P', '--app', 'ttd/soknad'];
const instancesOf = (orgNumber: string) =>
  [...w.storage.instances.values()].filter(
    (i) => i.spec.appId === 'ttd/soknad' && i.spec.owner?.organisationNumber === orgNumber,
  );

/** Rows whose last journal line is `pending`, in the journal written last (the send that was killed). */
async function pendingInNewestJournal(): Promise<number> {
  const folder = join(w.home, 'sends');
  const journals = await Promise.all(
    (await readdir(folder)).map(async (id) => {
      const path = join(folder, id, 'journal.jsonl');
      return { path, mtime: (await stat(path).catch(() => undefined))?.mtimeMs ?? 0 };
    }),
  );
  const newest = journals.sort((a, b) => b.mtime - a.mtime)[0];
  if (!newest) return 0;
  const last = new Map<string, string>();
  for (const line of (await readFile(newest.path, 'utf8')).split('\n')) {
    try {
      const r = JSON.parse(line) as { t?: string; k?: string; r?: { key: string; state: string } };
      if (r.t === 'row' && r.r) last.set(r.r.key, r.r.state);
      else if (r.k && r.t) last.set(r.k, r.t);
    } catch {
      // a torn last line: the journal's reader drops it too
    }
  }
  return [...last.values()].filter((t) => t === 'pending').length;
}

async function sheet(name: string, rows: string[], header = 'orgno;prefill.Navn;attachment.vedlegg') {
  const path = join(w.home, name);
  await writeFile(path, `\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`);
  return path;
}

describe('mpd instances send', () => {
  it('sends the valid rows once, reports the bad ones by row number (exit 1), and --json and --report match the fake', async () => {
    const path = await sheet('utsending.csv', [
      `${orgs[0]?.orgNumber};Første;brev.pdf`,
      `910753615;Feil sjekksiffer;`,
      `${orgs[1]?.orgNumber};Andre;`,
      `${orgs[2]?.orgNumber};Tredje;finnes-ikke.pdf`,
    ]);
    const report = join(w.home, 'rapport.csv');
    const run = await w.mpd('instances', 'send', ...on, '--csv', path, '--json', '--report', report);
    expect(run.code, run.err).toBe(1);
    const json = JSON.parse(run.out);
    expect(json).toMatchObject({ sent: 2, alreadySent: 0, failed: 2, failedBy: { checks: 2, sending: 0, stopped: 0 } });
    expect(
      json.rows.map((r: { row: number; status: string; failedBy?: string }) => [r.row, r.status, r.failedBy]),
    ).toEqual([
      [2, 'sent', undefined],
      [3, 'failed', 'checks'],
      [4, 'sent', undefined],
      [5, 'failed', 'checks'],
    ]);
    expect(run.err).toContain('Row 3: [ACT_OWNER_INVALID]');
    expect(run.err).toContain('Row 5: [ACT_FILE_UNREADABLE]');
    // The report names the instances the fake holds, one per valid row, and nothing for the bad ones.
    for (const [i, r] of [json.rows[0], json.rows[2]].entries()) {
      const held = instancesOf(orgs[i]?.orgNumber as string);
      expect(held.map((x) => x.id)).toEqual([r.instanceId]);
    }
    expect(instancesOf(orgs[2]?.orgNumber as string)).toHaveLength(0);
    const csv = parseCsv(await readFile(report, 'utf8'), ';');
    expect(csv[0]).toEqual(['row', 'owner', 'status', 'instanceId', 'error', 'failedBy']);
    expect(csv.slice(1).map((r) => [r[0], r[2], r[3], r[5]])).toEqual(
      json.rows.map((r: { row: number; status: string; instanceId?: string; failedBy?: string }) => [
        String(r.row),
        r.status,
        r.instanceId ?? '',
        r.failedBy ?? '',
      ]),
    );
    expect(csv[1]?.[1]).toBe(`orgno:${orgs[0]?.orgNumber}`);

    // Again, after fixing the bad rows: only those are sent; exit 0.
    const again = await w.mpd(
      'instances',
      'send',
      ...on,
      '--csv',
      await sheet('utsending.csv', [
        `${orgs[0]?.orgNumber};Første;brev.pdf`,
        `${orgs[3]?.orgNumber};Rettet;`,
        `${orgs[1]?.orgNumber};Andre;`,
        `${orgs[2]?.orgNumber};Tredje;brev.pdf`,
      ]),
      '--json',
    );
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ sent: 2, alreadySent: 2, failed: 0 });
    for (const o of orgs.slice(0, 4)) expect(instancesOf(o.orgNumber)).toHaveLength(1);
  });

  it('tells rows the checks refused from rows Altinn refused: in --json, the report and the summary line', async () => {
    const path = await sheet(
      'blandet.csv',
      [`${orgs[4]?.orgNumber};God`, '910753615;Feil sjekksiffer', '974760673;Ukjent part'],
      'orgno;prefill.Navn',
    );
    const run = await w.mpd('instances', 'send', ...on, '--csv', path, '--json');
    expect(run.code, run.err).toBe(1);
    const json = JSON.parse(run.out);
    expect(json).toMatchObject({ sent: 1, alreadySent: 0, failed: 2, failedBy: { checks: 1, sending: 1, stopped: 0 } });
    expect(json.rows.map((r: { failedBy?: string }) => r.failedBy)).toEqual([undefined, 'checks', 'sending']);
    // Altinn's refusal is Altinn's words: the party is unknown to Register.
    expect(json.rows[2].error.code).not.toMatch(/^SEND_OWNER|^ACT_OWNER/);
    // Again, without --json: the summary line says the same, and what was sent is not sent again.
    const again = await w.mpd('instances', 'send', ...on, '--csv', path);
    expect(again.code).toBe(1);
    expect(again.err).toContain(
      '0 sent now, 1 sent before, 2 failed: 1 refused by the checks, 1 failed while sending (blandet.csv → ttd/soknad).',
    );
    expect(instancesOf(orgs[4]?.orgNumber as string)).toHaveLength(1);
  });

  it("goes over node:http only: Node's fetch (undici, ~50 ms of CPU to load) is never loaded by a send", async () => {
    const rows = orgs.slice(64, 100);
    const path = await sheet(
      'uten-fetch.csv',
      rows.map((o, i) => `${o.orgNumber};Uten fetch ${i}`),
      'orgno;prefill.Navn',
    );
    const report = join(w.home, 'process.json');
    const child = spawnMpd(w.home, ['instances', 'send', ...on, '--csv', path, '--json'], {
      MPD_VAULT_PASSPHRASE: PASSPHRASE,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(__dirname, '../helpers/report-process.cjs')}`,
      MPD_TEST_PROCESS_REPORT: report,
    });
    expect(await child.exited, child.err()).toBe(0);
    expect(JSON.parse(child.out())).toMatchObject({ sent: rows.length, failed: 0 });
    expect(JSON.parse(await readFile(report, 'utf8')).undici).toEqual([]);
  });

  it('--dry-run sends nothing and lists every problem by row; exit 1 with bad rows, 0 without', async () => {
    const bad = await sheet('prove.csv', [`${orgs[10]?.orgNumber};a;`, `;b;`, `${orgs[11]?.orgNumber};c;`]);
    const run = await w.mpd('instances', 'send', ...on, '--csv', bad, '--dry-run', '--json');
    expect(run.code, run.err).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({
      sent: 0,
      failed: 1,
      rows: [
        { row: 2, status: 'would-send' },
        { row: 3, status: 'failed', error: { code: 'SEND_OWNER_MISSING' } },
        { row: 4, status: 'would-send' },
      ],
    });
    expect(run.err).toContain('Row 3: [SEND_OWNER_MISSING]');
    const good = await sheet('prove2.csv', [`${orgs[10]?.orgNumber};a;`]);
    const ok = await w.mpd('instances', 'send', ...on, '--csv', good, '--dry-run');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).toContain('would send 1');
    expect(w.storage.requests.filter((r) => r.op === 'instantiate' || r.op === 'instantiate-create')).toHaveLength(0);
  });

  it('exits 2 for a file that cannot be used, and with a usage error', async () => {
    const noOwner = await sheet('uten.csv', ['a'], 'prefill.Navn');
    const run = await w.mpd('instances', 'send', ...on, '--csv', noOwner);
    expect(run.code).toBe(2);
    expect(run.err).toContain('SEND_NO_OWNER_COLUMN');
    expect((await w.mpd('instances', 'send', ...on, '--csv', join(w.home, 'mangler.csv'))).code).toBe(2);
    expect((await w.mpd('instances', 'send', ...on)).code).toBe(2);
    expect((await w.mpd('instances', 'send', ...on, '--csv', noOwner, '--concurrency', '0')).code).toBe(2);
  });

  it('the listing of mpd instances keeps its own --csv', async () => {
    const run = await w.mpd('instances', ...on, '--csv');
    expect(run.code, run.err).toBe(0);
    expect(run.out.startsWith('\uFEFF')).toBe(true);
  });

  it('Ctrl+C stops the send: the rows on their way finish, the rest are reported failed (not sent), exit 1', async () => {
    const rows = orgs.slice(40, 52);
    const path = await sheet(
      'avbrutt.csv',
      rows.map((o, i) => `${o.orgNumber};Avbrutt ${i};`),
    );
    w.storage.latencyMs = 150;
    const child = spawnMpd(
      w.home,
      ['instances', 'send', ...on, '--csv', path, '--concurrency', '2', '--batch', 'avbrutt', '--json'],
      { MPD_VAULT_PASSPHRASE: PASSPHRASE },
    );
    const creates = () => w.storage.requests.filter((r) => r.op === 'instantiate-create').length;
    for (let i = 0; i < 200 && creates() < 2; i++) await new Promise((r) => setTimeout(r, 50));
    child.child.kill('SIGINT');
    expect(await child.exited, child.err()).toBe(1);
    const json = JSON.parse(child.out());
    const sent = rows.filter((o) => instancesOf(o.orgNumber).length > 0).length;
    expect(json.sent).toBe(sent);
    expect(sent).toBeLessThan(rows.length);
    expect(json.failed).toBe(rows.length - sent);
    expect(json.failedBy).toEqual({ checks: 0, sending: 0, stopped: rows.length - sent });
    expect(
      json.rows.filter(
        (r: { failedBy?: string; error?: { code: string } }) =>
          r.failedBy === 'stopped' && r.error?.code === 'SEND_CANCELLED',
      ),
    ).toHaveLength(json.failed);
    expect(child.err()).toContain('[SEND_CANCELLED]');
    expect(child.err()).toContain('Stopping: no new rows are started');
  }, 60_000);

  it('Ctrl+C twice stops at once: the rows on their way stay pending, and the next run sends each row once', async () => {
    const rows = orgs.slice(52, 64);
    const path = await sheet(
      'avbrutt-to.csv',
      rows.map((o, i) => `${o.orgNumber};To ganger ${i};`),
    );
    w.storage.latencyMs = 3_000;
    const child = spawnMpd(
      w.home,
      ['instances', 'send', ...on, '--csv', path, '--concurrency', '3', '--batch', 'avbrutt-to', '--json'],
      { MPD_VAULT_PASSPHRASE: PASSPHRASE },
    );
    // Requests that reached the fake (it logs them on arrival, then waits its latency before acting).
    const arrived = () =>
      w.storage.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/instances/create')).length;
    for (let i = 0; i < 200 && arrived() < 3; i++) await new Promise((r) => setTimeout(r, 50));
    expect(arrived(), child.err()).toBe(3);
    child.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    const stoppedAt = Date.now();
    child.child.kill('SIGINT');
    expect(await child.exited, child.err()).toBe(1);
    // Not the 3 s the requests on their way would have taken.
    expect(Date.now() - stoppedAt).toBeLessThan(2_500);
    const json = JSON.parse(child.out());
    expect(json).toMatchObject({ sent: 0, failed: rows.length, failedBy: { checks: 0, sending: 3, stopped: 9 } });
    expect(
      json.rows.filter((r: { error?: { code: string } }) => r.error?.code === 'SEND_OUTCOME_UNKNOWN'),
    ).toHaveLength(3);
    expect(child.err()).toContain('Stopping at once');
    // The fake still finishes what reached it; the next run looks those rows up and sends only the rest.
    await new Promise((r) => setTimeout(r, 3_500));
    w.storage.latencyMs = 0;
    const again = await w.mpd('instances', 'send', ...on, '--csv', path, '--batch', 'avbrutt-to', '--json');
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ sent: rows.length, alreadySent: 0, failed: 0 });
    for (const o of rows) expect(instancesOf(o.orgNumber), o.orgNumber).toHaveLength(1);
  }, 60_000);

  it('kill -9 in the middle of a send, then the same command again: exactly one instance per row', async () => {
    const rows = orgs.slice(12, 40);
    const path = await sheet(
      'stor.csv',
      rows.map((o, i) => `${o.orgNumber};Rad ${i};`),
    );
    w.storage.latencyMs = 150;
    const child = spawnMpd(w.home, ['instances', 'send', ...on, '--csv', path, '--concurrency', '4'], {
      MPD_VAULT_PASSPHRASE: PASSPHRASE,
    });
    const creates = () => w.storage.requests.filter((r) => r.op === 'instantiate-create').length;
    for (let i = 0; i < 200 && creates() < 10; i++) await new Promise((r) => setTimeout(r, 50));
    expect(creates(), child.err()).toBeGreaterThanOrEqual(10);
    child.child.kill('SIGKILL');
    expect(await child.exited).toBeNull();
    // Requests on their way when it died are carried out by the fake all the same: lost answers.
    await new Promise((r) => setTimeout(r, 400));
    const before = rows.filter((o) => instancesOf(o.orgNumber).length > 0).length;
    const pendingAtKill = await pendingInNewestJournal();
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(rows.length);
    w.storage.latencyMs = 0;
    const again = await w.mpd('instances', 'send', ...on, '--csv', path, '--json');
    expect(again.code, again.err).toBe(0);
    const json = JSON.parse(again.out);
    expect(json.sent + json.alreadySent).toBe(rows.length);
    for (const o of rows) expect(instancesOf(o.orgNumber), o.orgNumber).toHaveLength(1);
    // The rows pending in the journal at the kill (their create on its way; none when the kill came while every
    // slot was recording an answer) were each looked up before anything else.
    expect(w.storage.requests.filter((r) => r.owner && /created=gte%3A/.test(r.query)).length).toBeGreaterThanOrEqual(
      pendingAtKill,
    );
    const third = await w.mpd('instances', 'send', ...on, '--csv', path, '--json');
    expect(JSON.parse(third.out)).toMatchObject({ sent: 0, alreadySent: rows.length, failed: 0 });
  }, 60_000);
});
