/**
 * One instance's history (issue 20; shared/reference/maskinporten-altinn.md §3.9) after the issue-19 acts: created
 * with prefill and a file, data added, replaced and deleted, substatus, process next, complete, confirm — told in
 * time order and plain words, from Storage's instance events and process history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/common/contract/events';
import { actorWords, historyWords } from '../../../src/common/i18n/event-words';
import type { Instance } from '../../../src/common/schemas/instance-types';
import { mergeHistory } from '../../../src/node/events/history-merge';
import { simpleTokenCheck } from '../../fakes/altinn-storage';
import { ORG, PDF } from '../acts/acts-harness';
import { eventsHarness } from './events-harness';

let e: Awaited<ReturnType<typeof eventsHarness>>;
afterEach(async () => e?.cleanup());

const on = (instanceId: string) => ({ profileId: 'p1', appId: 'ttd/soknad', instanceId });
const line = (x: HistoryEntry) => `${historyWords(x, 'nb')} | ${actorWords(x.by, 'nb')}`;

describe("an instance's life, told by its history", () => {
  it('create (prefill, a file), data added/replaced/deleted, substatus, next, complete, confirm — in time order', async () => {
    e = await eventsHarness();
    const acts = e.h.service;
    const pdf = await e.h.file('byggesoknad.pdf', PDF);
    const extra = await e.h.file('tegning.pdf', PDF);
    const t0 = e.now().toISOString();
    const created = await acts.create({
      profileId: 'p1',
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
      prefill: { 'Soknad.Formaal': 'Nytt tak' },
      files: [{ dataType: 'vedlegg', path: pdf }],
    });
    const id = created.instance.id;
    e.advance(60_000);
    const added = await acts.addData({ ...on(id), dataType: 'vedlegg', path: extra });
    e.advance(60_000);
    await acts.replaceData({ ...on(id), elementId: added.element.id, path: extra });
    e.advance(60_000);
    await acts.deleteData({ ...on(id), elementId: added.element.id });
    e.advance(60_000);
    await acts.updateStatus({
      ...on(id),
      substatus: { label: 'Under behandling', description: 'Svar innen 14 dager' },
    });
    e.advance(60_000);
    const t5 = e.now().toISOString();
    await acts.processNext(on(id));
    e.advance(60_000);
    const t6 = e.now().toISOString();
    await acts.processComplete(on(id));
    e.advance(60_000);
    const t7 = e.now().toISOString();
    await e.client.complete(await e.client.getInstance(id));
    await e.client.complete(await e.client.getInstance(id));

    const history = await e.service.instanceHistory({ profileId: 'p1', instanceId: id });
    expect(history).toMatchObject({ instanceId: id, appId: 'ttd/soknad' });
    expect(history.entries.map(line)).toEqual([
      'Prosessen startet | ttd (tjenesteeier)',
      'Flyttet til steget Utfylling (Task_1) | ttd (tjenesteeier)',
      'Instansen opprettet | ttd (tjenesteeier)',
      // With prefill: POST …/instances/create makes the form, then each file is its own POST (§3.7).
      'Data lagt til: model | ttd (tjenesteeier)',
      'Data lagt til: vedlegg (byggesoknad.pdf) | ttd (tjenesteeier)',
      'Data lagt til: et dokument som ikke finnes lenger | ttd (tjenesteeier)',
      'Data erstattet: et dokument som ikke finnes lenger | ttd (tjenesteeier)',
      'Data slettet: et dokument som ikke finnes lenger | ttd (tjenesteeier)',
      'Understatus satt: «Under behandling» | ttd (tjenesteeier)',
      'Steget Utfylling (Task_1) fullført | ttd (tjenesteeier)',
      'Flyttet til steget Saksbehandling (Task_2) | ttd (tjenesteeier)',
      'Steget Saksbehandling (Task_2) fullført | ttd (tjenesteeier)',
      'Prosessen avsluttet | ttd (tjenesteeier)',
      'Sendt inn | ttd (tjenesteeier)',
      'Mottak bekreftet | ttd (tjenesteeier)',
    ]);
    const at = history.entries.map((x) => x.at);
    expect([...at].sort((a, b) => Date.parse(a) - Date.parse(b))).toEqual(at);
    expect(at[0]).toBe(t0);
    expect(history.entries.at(-1)?.at).toBe(t7);
    expect(history.entries.every((x) => x.source === 'instance-events')).toBe(true);
    expect(history.entries.find((x) => x.kind === 'data-deleted')?.data?.id).toBe(added.element.id);
    expect(history.tasks).toEqual([
      { id: 'Task_1', name: 'Utfylling', started: t0, ended: t5 },
      { id: 'Task_2', name: 'Saksbehandling', started: t5, ended: t6 },
    ]);
    // English too.
    expect(historyWords(history.entries[10] as HistoryEntry, 'en')).toBe('Moved to step Saksbehandling (Task_2)');
    expect(historyWords(history.entries[8] as HistoryEntry, 'en')).toBe('Substatus set: “Under behandling”');
  });

  it('a deleted instance: the last entry says so', async () => {
    e = await eventsHarness();
    e.fake.writes.defineApp({
      ...e.fake.writes.app('ttd/soknad'),
      ownerActions: ['read', 'write', 'instantiate', 'delete'],
    });
    const { instance } = await e.h.service.create({
      profileId: 'p1',
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    });
    e.advance(1_000);
    await e.h.service.delete({ ...on(instance.id), hard: false });
    const history = await e.service.instanceHistory({ profileId: 'p1', instanceId: instance.id });
    expect(history.entries.at(-1)).toMatchObject({ kind: 'deleted', eventType: 'Deleted' });
    expect(historyWords(history.entries.at(-1) as HistoryEntry, 'nb')).toBe('Instansen slettet');
  });
});

describe("Storage's refusals, explained", () => {
  it('403 for the events (the app gives no read) → HISTORY_FORBIDDEN; a token without the read scope too', async () => {
    e = await eventsHarness({
      validateToken: (t) =>
        t.startsWith('noread-') ? { org: 'ttd', scopes: ['altinn:serviceowner/instances.write'] } : simpleTokenCheck(t),
    });
    const { instance } = await e.h.service.create({
      profileId: 'p1',
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    });
    e.fake.writes.defineApp({ ...e.fake.writes.app('ttd/soknad'), ownerActions: ['write', 'instantiate'] });
    const denied = await e.service.instanceHistory({ profileId: 'p1', instanceId: instance.id }).catch((x) => x);
    expect(denied.code).toBe('HISTORY_FORBIDDEN');
    const stub = e.client as unknown as { options: { tokens: { getAltinnToken(): Promise<string> } } };
    stub.options.tokens.getAltinnToken = async () => 'noread-1';
    const noScope = await e.service.instanceHistory({ profileId: 'p1', instanceId: instance.id }).catch((x) => x);
    expect(noScope.code).toBe('HISTORY_FORBIDDEN');
  });

  it('401 even with a fresh token → HISTORY_UNAUTHORIZED', async () => {
    e = await eventsHarness({ validateToken: () => null });
    const error = await e.service
      .instanceHistory({ profileId: 'p1', instanceId: `${ORG.partyId}/11111111-1111-4111-8111-111111111111` })
      .catch((x) => x);
    expect(error.code).toBe('HISTORY_UNAUTHORIZED');
  });
});

describe('mergeHistory', () => {
  const instance = {
    id: '50010/11111111-1111-4111-8111-111111111111',
    appId: 'ttd/soknad',
    data: [{ id: 'e1', dataType: 'vedlegg', filename: 'a.pdf' }],
  } as Instance;

  it("adds a process-history item no instance event gives; Storage's person events get the app's national id", () => {
    const history = mergeHistory(
      instance,
      [
        { eventType: 'Created', created: '2026-05-04T08:00:01Z', user: { userId: 1337 } },
        {
          eventType: 'process_StartTask',
          created: '2026-05-04T08:00:00Z',
          user: { userId: 1337, nationalIdentityNumber: '15058550121' },
          processInfo: { currentTask: { elementId: 'Task_1', name: 'Utfylling' } },
        },
        {
          eventType: 'Created',
          created: '2026-05-04T08:00:02Z',
          dataId: 'e1',
          user: { systemUserId: 's', systemUserOwnerOrgNo: '910753614' },
        },
        { eventType: 'Signed', created: '2026-05-04T08:00:03Z' },
      ],
      [
        {
          eventType: 'process_StartTask',
          elementId: 'Task_1',
          started: '2026-05-04T08:00:00Z',
          ended: '2026-05-04T08:05:00Z',
          performedBy: '15058550121',
        },
        { eventType: 'process_EndEvent', elementId: 'EndEvent_1', occured: '2026-05-04T08:05:00Z', performedBy: 'ttd' },
      ],
    );
    expect(history.entries.map((x) => [x.kind, x.source, actorWords(x.by, 'nb')])).toEqual([
      ['task-started', 'instance-events', 'person med fnr. 150585 50121'],
      ['created', 'instance-events', 'person med fnr. 150585 50121'],
      ['data-added', 'instance-events', 'systembruker for org.nr. 910 753 614'],
      ['other', 'instance-events', 'ukjent'],
      ['task-ended', 'process-history', 'person med fnr. 150585 50121'],
      ['process-ended', 'process-history', 'ttd (tjenesteeier)'],
    ]);
    expect(historyWords(history.entries[3] as HistoryEntry, 'nb')).toBe('Annen hendelse (Signed)');
    expect(historyWords(history.entries[2] as HistoryEntry, 'nb')).toBe('Data lagt til: vedlegg (a.pdf)');
    expect(history.tasks).toEqual([{ id: 'Task_1', name: 'Utfylling', started: '2026-05-04T08:00:00Z', ended: null }]);
  });
});
