/**
 * `npx tsx bench/events-history-demo.ts`: one instance's life made with `mpd` — created with prefill and a file,
 * its substatus set, its process moved on and completed, downloaded and confirmed — and then told back by
 * `mpd events` (the app's CloudEvents from Altinn Events) and `mpd instances history` (Storage's instance events
 * and process history), against the fakes on 127.0.0.1. Prints each command as typed, what it printed and its exit
 * code. The fake's Events shows an event only 3 s after it was registered here (Altinn: 30 s), so the first
 * `mpd events` right after the acts (a second apart) finds only the events old enough. Nothing here leaves the machine.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ORG, PDF } from '../test/node/acts/acts-harness';
import { demoMain, runDemo } from './demo-harness';

const DELAY_MS = 3_000;

demoMain(() =>
  runDemo(
    'events-demo',
    async ({ work, mpd, on }) => {
      const pdf = join(work, 'byggesoknad.pdf');
      const prefill = join(work, 'prefill.json');
      await writeFile(pdf, PDF);
      await writeFile(prefill, JSON.stringify({ 'Soknad.Formaal': 'Nytt tak på låven', 'Soknad.Belop': 125000 }));
      const since = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');

      console.log('# One instance’s life, with mpd (issue 19)\n');
      const created = await mpd([
        'instances',
        'create',
        ...on,
        '--org-no',
        ORG.orgNumber,
        '--prefill',
        prefill,
        '--data',
        `vedlegg=${pdf}`,
      ]);
      const id = created.trim().split('\n').at(-1) as string;
      // A second between the acts, so the times tell them apart.
      const pause = () => new Promise((r) => setTimeout(r, 1_000));
      await pause();
      await mpd(['instances', 'update', ...on, '--instance', id, '--substatus', 'Under behandling']);
      await pause();
      await mpd(['process', 'next', ...on, '--instance', id]);
      await pause();
      await mpd(['process', 'complete', ...on, '--instance', id]);
      await pause();
      await mpd(['download', ...on, '--not-confirmed', '--out', join(work, 'mottak'), '--confirm']);

      console.log(
        '# Told by the app’s events (Altinn Events) — at once (only those 3 s old), and once Altinn shows them all\n',
      );
      await mpd(['events', ...on, '--from', since]);
      await new Promise((r) => setTimeout(r, DELAY_MS + 500));
      await mpd(['events', ...on, '--from', since]);
      await mpd(['events', ...on, '--from', since, '--type', 'app.instance.process.%', '--json']);

      console.log('# Told by the instance’s history (Storage)\n');
      await mpd(['instances', 'history', ...on, '--instance', id]);
    },
    (storage) => {
      storage.events.visibilityDelayMs = DELAY_MS;
      // Altinn always has older events (the delay is measured against the newest event old enough); one of another app.
      storage.events.addCloudEvent({
        time: new Date(Date.now() - 3_600_000).toISOString(),
        source: `${storage.url}/ttd/annen-app/instances/50002/00000000-0000-4000-8000-000000000001`,
        subject: '/party/50002',
        type: 'app.instance.created',
        resource: 'urn:altinn:resource:app_ttd_annen-app',
        resourceinstance: '50002/00000000-0000-4000-8000-000000000001',
      });
    },
  ),
);
