/**
 * `npx tsx bench/act-on-instances-demo.ts`: one instance taken from creation (prefill and a file) through its
 * process to the end, with its substatus set, with `mpd` — against the fakes on 127.0.0.1 (the auth fake's
 * Maskinporten and exchange, the Storage fake with the app API's writes). Prints each command as typed, what
 * it printed and its exit code, then what the fake recorded (the form data, Storage's instance events and the
 * app's CloudEvents). A transcript for the README and reviews; nothing here leaves the machine.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDF, SOKNAD } from '../test/node/acts/acts-harness';
import { demoMain, runDemo } from './demo-harness';

demoMain(() =>
  runDemo('act-demo', async ({ storage, work, mpd, on }) => {
    const prefill = join(work, 'prefill.json');
    const pdf = join(work, 'byggesoknad.pdf');
    await writeFile(
      prefill,
      JSON.stringify({ 'Soknad.Formaal': 'Nytt tak på låven', 'Soknad.Belop': 125000 }, null, 2),
    );
    await writeFile(pdf, PDF);

    const created = await mpd([
      'instances',
      'create',
      ...on,
      '--org-no',
      '910 753 614',
      '--prefill',
      pdf.replace('byggesoknad.pdf', 'prefill.json'),
      '--prefill-field',
      'Soknad.Kommune=Bergen',
      '--data',
      `vedlegg=${pdf}`,
      '--due-before',
      '2026-12-31T12:00:00Z',
    ]);
    const id = created.trim().split('\n').at(-1) as string;
    await mpd(['process', 'show', ...on, '--instance', id]);
    await mpd([
      'instances',
      'update',
      ...on,
      '--instance',
      id,
      '--substatus',
      'Under behandling',
      '--substatus-description',
      'Vi svarer innen 14 dager.',
      '--text',
      'Saksnummer=2026/4711',
    ]);
    await mpd(['process', 'next', ...on, '--instance', id]);
    await mpd(['process', 'complete', ...on, '--instance', id]);
    await mpd(['process', 'show', ...on, '--instance', id, '--json']);

    const instance = storage.instances.get(id);
    const form = instance?.elements.find((e) => e.spec.dataType === 'model');
    console.log("# The form data the app created from the prefill (the fake's copy):");
    console.log(`  ${storage.content(form?.id as string).toString()}\n`);
    console.log("# Storage's instance events (by created):");
    for (const e of storage.events.instanceEvents(id)) {
      console.log(`  ${e.eventType}${e.dataId ? ` dataId=${e.dataId}` : ''} user=${JSON.stringify(e.user)}`);
    }
    console.log("\n# The app's CloudEvents:");
    for (const e of storage.events.cloudEvents(SOKNAD.id))
      console.log(`  ${e.type}  ${e.subject}  ${e.resourceinstance}`);
    console.log(`\n# Status: ${JSON.stringify(instance?.acted?.status)}`);
  }),
);
