import { afterEach, describe, expect, it } from 'vitest';
import { createInstance } from '../../../src/node/acts/create-instance';
import { actsHarness, ORG, PDF, PERSON, PNG, SUBUNIT } from './acts-harness';

let h: Awaited<ReturnType<typeof actsHarness>>;
afterEach(async () => h?.cleanup());

const pdf = (name = 'soknad.pdf') => ({
  dataType: 'vedlegg',
  filename: name,
  contentType: 'application/pdf',
  bytes: PDF,
});

describe('createInstance: the happy paths (§3.7 Instantiate)', () => {
  it('creates for an organisation number with a JSON template: the first task, the auto-created form, the party the app answers', async () => {
    h = await actsHarness();
    const created = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: '910 753 614' },
      dueBefore: '2026-12-31T12:00:00Z',
    });
    expect(created.instance.id).toMatch(new RegExp(`^${ORG.partyId}/[0-9a-f-]{36}$`));
    expect(created.instance.process?.currentTask?.elementId).toBe('Task_1');
    expect(created.party).toEqual({
      partyId: String(ORG.partyId),
      name: ORG.name,
      kind: 'organisation',
      orgNumber: ORG.orgNumber,
      unitType: 'AS',
    });
    const sent = h.fake.requests.filter((r) => r.op === 'instantiate');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe('/ttd/soknad/instances');
    // The form of Task_1 was auto-created; no contentHash on new data (Storage stopped computing it).
    const data = created.instance.data ?? [];
    expect(data.map((d) => d.dataType)).toEqual(['model']);
    expect(data[0]?.contentHash ?? null).toBeNull();
    const raw = created.instance as Record<string, unknown>;
    expect(raw.dueBefore).toBe('2026-12-31T12:00:00Z');
    expect(raw.visibleAfter).toBe(raw.created);
  });

  it('sends the files as parts of one multipart request, stored before the auto-created form', async () => {
    h = await actsHarness();
    const created = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'person', value: PERSON.ssn },
      parts: [
        pdf('søknad om støtte.pdf'),
        { dataType: 'vedlegg', filename: 'kart.png', contentType: 'image/png', bytes: PNG },
      ],
    });
    expect(h.fake.requests.filter((r) => r.op === 'instantiate')).toHaveLength(1);
    const data = created.instance.data ?? [];
    expect(data.map((d) => [d.dataType, d.filename])).toEqual([
      ['vedlegg', 'søknad om støtte.pdf'],
      ['vedlegg', 'kart.png'],
      ['model', null],
    ]);
    expect(created.parts.map((p) => p.elementId)).toEqual([data[0]?.id, data[1]?.id]);
    expect(h.fake.content(data[0]?.id as string)).toEqual(PDF);
    expect(created.party?.kind).toBe('person');
  });

  it('with prefill uses /instances/create, then adds each file to the new instance', async () => {
    h = await actsHarness();
    const created = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'party', value: String(ORG.partyId) },
      prefill: { 'Soknad.Belop': 125000, 'Soknad.Formaal': 'Nytt tak' },
      parts: [pdf()],
      visibleAfter: '2026-06-01T00:00:00Z',
    });
    expect(h.fake.requests.filter((r) => r.op).map((r) => `${r.op} ${r.path}`)).toEqual([
      'metadata /ttd/soknad/api/v1/applicationmetadata',
      'instantiate-create /ttd/soknad/instances/create',
      `data-create /ttd/soknad/instances/${created.instance.id}/data/vedlegg`,
    ]);
    const form = (created.instance.data ?? []).find((d) => d.dataType === 'model');
    expect(h.fake.content(form?.id as string).toString()).toContain(
      '<Soknad><Belop>125000</Belop><Formaal>Nytt tak</Formaal></Soknad>',
    );
    expect(created.parts).toEqual([{ dataType: 'vedlegg', filename: 'soknad.pdf', elementId: expect.any(String) }]);
    expect((created.instance as Record<string, unknown>).visibleAfter).toBe('2026-06-01T00:00:00Z');
  });

  it('logs what Storage and the app log: process_StartEvent, process_StartTask, Created, Created with dataId; app.instance.created', async () => {
    h = await actsHarness();
    const created = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
      parts: [pdf()],
    });
    const events = h.fake.events.instanceEvents(created.instance.id);
    expect(events.map((e) => `${e.eventType}${e.dataId ? '+data' : ''}`)).toEqual([
      'process_StartEvent',
      'process_StartTask',
      'Created',
      'Created+data',
      'Created+data',
    ]);
    expect(events[0]?.user).toEqual({ orgId: 'ttd', authenticationLevel: 3 });
    expect(events[1]?.processInfo).toMatchObject({
      currentTask: { elementId: 'Task_1', flow: 2, validated: { canCompleteTask: false } },
    });
    const cloud = h.fake.events.cloudEvents('ttd/soknad');
    expect(cloud.map((e) => e.type)).toEqual(['app.instance.created']);
    expect(cloud[0]).toMatchObject({
      subject: `/party/${ORG.partyId}`,
      alternativesubject: `/org/${ORG.orgNumber}`,
      resource: 'urn:altinn:resource:app_ttd_soknad',
      resourceinstance: created.instance.id,
    });
  });
});

describe('createInstance: Altinn refusals in the order the app checks', () => {
  it('a data part is checked before the owner is looked up (400 before 404)', async () => {
    h = await actsHarness();
    // Sent raw: our client refuses the empty part itself.
    const form = new FormData();
    form.append(
      'instance',
      new Blob([JSON.stringify({ instanceOwner: { organisationNumber: '974760673' } })], { type: 'application/json' }),
    );
    form.append('vedlegg', new Blob([], { type: 'application/pdf' }), 'tom.pdf');
    const response = await fetch(`${h.fake.url}/ttd/soknad/instances`, {
      method: 'POST',
      headers: { Authorization: 'Bearer tok-1' },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toBe(
      'Error when comparing content to application metadata: The multipart section named vedlegg has no data. Cannot process empty part.',
    );
  });

  it('an unknown owner is 404 "Cannot lookup party" → ACT_PARTY_NOT_FOUND', async () => {
    h = await actsHarness();
    const error = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: '974760673' },
    }).catch((e) => e);
    expect(error.code).toBe('ACT_PARTY_NOT_FOUND');
    expect(error.message).toContain('Failed to lookup party by organisationNumber: 974760673');
    expect(error.details).toMatchObject({ status: 404, outcome: 'refused' });
    expect(h.fake.instances.size).toBe(0);
  });

  it("the policy's instantiate comes before partyTypesAllowed: another org's app is 403 ProblemDetails → ACT_POLICY_REFUSED", async () => {
    h = await actsHarness();
    h.fake.writes.defineApp({
      ...h.fake.writes.app('ttd/soknad'),
      id: 'skd/soknad',
      partyTypesAllowed: { person: true },
    });
    const error = await createInstance(h.world, {
      appId: 'skd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    }).catch((e) => e);
    expect(error.code).toBe('ACT_POLICY_REFUSED');
    expect(error.details).toMatchObject({ status: 403, action: 'instantiate' });
    expect(error.details.body).toContain('Forbidden');
  });

  it('partyTypesAllowed applies to the service owner too: a sub-unit (BEDR) is 403 → ACT_PARTY_TYPE_NOT_ALLOWED', async () => {
    h = await actsHarness();
    const error = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: SUBUNIT.orgNumber },
    }).catch((e) => e);
    expect(error.code).toBe('ACT_PARTY_TYPE_NOT_ALLOWED');
    expect(error.message).toContain(
      `Party ${SUBUNIT.partyId} is not allowed to instantiate this application ttd/soknad`,
    );
  });

  it('a Register 401 is answered 403 with no body → ACT_PARTY_LOOKUP_REFUSED', async () => {
    h = await actsHarness();
    h.fake.writes.registerUnauthorized = true;
    const error = await createInstance(h.world, {
      appId: 'ttd/soknad',
      owner: { kind: 'org', value: ORG.orgNumber },
    }).catch((e) => e);
    expect(error.code).toBe('ACT_PARTY_LOOKUP_REFUSED');
  });

  it('the owner errors are 400 JSON strings, in their order', async () => {
    h = await actsHarness();
    const post = async (query: string, body?: unknown) => {
      const response = await fetch(`${h.fake.url}/ttd/soknad/instances${query}`, {
        method: 'POST',
        headers: { Authorization: 'Bearer tok-1', ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return [response.status, await response.json()];
    };
    expect(await post('')).toEqual([
      400,
      expect.stringMatching(/^Cannot create an instance without an instanceOwner.partyId/),
    ]);
    expect(await post('?instanceOwnerPartyId=50001', { instanceOwner: { partyId: '50001' } })).toEqual([
      400,
      expect.stringMatching(/^You cannot provide an instanceOwnerPartyId as a query param/),
    ]);
    expect(await post('', { instanceOwner: {} })).toEqual([
      400,
      expect.stringMatching(/^Error: instanceOwnerPartyId query parameter is empty and InstanceOwner is missing/),
    ]);
    expect(await post('?instanceOwnerPartyId=50001')).toEqual([
      201,
      expect.objectContaining({ id: expect.stringMatching(/^50001\//) }),
    ]);
  });
});
