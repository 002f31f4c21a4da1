import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mapColumns } from '../../../src/node/bulk-send/column-map';
import { checkRows } from '../../../src/node/bulk-send/row-checks';
import { SendJournal } from '../../../src/node/bulk-send/send-journal';
import { SendRun, type SendRunOptions } from '../../../src/node/bulk-send/send-runner';
import { parseCsvSheet } from '../../../src/node/bulk-send/sheet-file';
import { orgNumberFor } from '../../helpers/party-numbers';
import { actsHarness, PDF } from '../acts/acts-harness';

/** The acts harness with `n` more organisations in Register (partyId 60000 + i) and a send's plumbing. */
export async function sendHarness(n = 12) {
  const h = await actsHarness();
  const orgs = Array.from({ length: n }, (_, i) => {
    const party = { partyId: 60_000 + i, orgNumber: orgNumberFor(i), name: `BEDRIFT ${i} AS` };
    h.fake.writes.addParty({ ...party, partyTypeName: 2, unitType: 'AS' });
    return party;
  });
  await writeFile(join(h.dir, 'brev.pdf'), PDF);
  const home = join(h.dir, 'home');
  return {
    ...h,
    orgs,
    home,
    /** Plan a CSV in the harness folder. */
    async plan(csv: string, name = 'liste.csv') {
      const path = join(h.dir, name);
      await writeFile(path, csv);
      const table = parseCsvSheet(name, Buffer.from(csv));
      const { columns } = mapColumns(table.header);
      const metadata = await h.world.metadata.get(h.client.appBase('ttd/soknad'), 'ttd/soknad');
      return { path, ...(await checkRows(table, columns, metadata, path)) };
    },
    /** One run of the send over the planned rows; the journal is closed after it. */
    async send(
      rows: Awaited<ReturnType<typeof checkRows>>['planned'],
      options: Partial<SendRunOptions> & { source?: string } = {},
    ) {
      const journal = await SendJournal.open(
        home,
        {
          environmentId: 'fake',
          appId: 'ttd/soknad',
          source: options.source ?? 'file:liste.csv',
          fileName: 'liste.csv',
        },
        () => new Date(),
      );
      try {
        const run = new SendRun({
          world: h.world,
          storage: h.client,
          appId: 'ttd/soknad',
          journal,
          rows,
          graceMs: 20,
          ...options,
        });
        const outcomes = await run.run();
        return { outcomes, run, journal };
      } finally {
        await journal.close();
      }
    },
    /** Instances the fake holds for the app, by owner org number. */
    instancesByOwner(): Map<string, string[]> {
      const out = new Map<string, string[]>();
      for (const i of h.fake.instances.values()) {
        if (i.spec.appId !== 'ttd/soknad') continue;
        const owner = i.spec.owner?.organisationNumber ?? i.spec.owner?.personNumber ?? i.partyId;
        out.set(owner, [...(out.get(owner) ?? []), i.id]);
      }
      return out;
    },
  };
}
