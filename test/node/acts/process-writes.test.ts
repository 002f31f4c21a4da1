import { afterEach, describe, expect, it } from 'vitest';
import { createInstance } from '../../../src/node/acts/create-instance';
import { addData } from '../../../src/node/acts/data-writes';
import { completeProcess, getProcess, processNext } from '../../../src/node/acts/process-writes';
import { actsHarness, ORG, PDF } from './acts-harness';

let h: Awaited<ReturnType<typeof actsHarness>>;
afterEach(async () => h?.cleanup());

async function newInstance(appId = 'ttd/soknad', withAttachment = true) {
  const { instance } = await createInstance(h.world, { appId, owner: { kind: 'org', value: ORG.orgNumber } });
  if (withAttachment) {
    await addData(h.world, {
      appId,
      instanceId: instance.id,
      part: { dataType: 'vedlegg', filename: 'a.pdf', contentType: 'application/pdf', bytes: PDF },
    });
  }
  return instance.id;
}

describe('process: show, next, complete (§3.7 Process)', () => {
  it("shows the app's state: the current task, its type, the caller's actions and the app's tasks", async () => {
    h = await actsHarness();
    const id = await newInstance();
    const process = await getProcess(h.world, { appId: 'ttd/soknad', instanceId: id });
    expect(process.currentTask).toMatchObject({
      elementId: 'Task_1',
      name: 'Utfylling',
      altinnTaskType: 'data',
      flow: 2,
      actions: { read: true, write: true },
    });
    expect(process.tasks).toEqual([
      { elementId: 'Task_1', altinnTaskType: 'data' },
      { elementId: 'Task_2', altinnTaskType: 'data' },
    ]);
    expect(process.state).toMatchObject({
      startEvent: 'StartEvent_1',
      currentTask: { elementType: 'Task', read: true },
    });
  });

  it('moves to the next task, then to the end: events EndTask, StartTask, EndEvent, Submited; CloudEvents movedTo and completed; archived', async () => {
    h = await actsHarness();
    const id = await newInstance();
    const moved = await processNext(h.world, { appId: 'ttd/soknad', instanceId: id });
    expect(moved.currentTask).toMatchObject({ elementId: 'Task_2', name: 'Saksbehandling', flow: 3 });
    const ended = await processNext(h.world, { appId: 'ttd/soknad', instanceId: id });
    expect(ended.currentTask).toBeNull();
    expect(ended.endEvent).toBe('EndEvent_1');
    expect(ended.ended).toEqual(expect.any(String));
    const types = h.fake.events.instanceEvents(id).map((e) => e.eventType);
    expect(types.slice(-5)).toEqual([
      'process_EndTask',
      'process_StartTask',
      'process_EndTask',
      'process_EndEvent',
      'Submited',
    ]);
    expect(h.fake.events.cloudEvents('ttd/soknad').map((e) => e.type)).toEqual([
      'app.instance.created',
      'app.instance.process.movedTo.Task_2',
      'app.instance.process.completed',
    ]);
    const stored = await h.client.getInstance(id);
    expect(stored.status?.isArchived).toBe(true);
  });

  it('refuses a task whose validation fails: 409 with the issues listed → ACT_VALIDATION_FAILED', async () => {
    h = await actsHarness();
    const id = await newInstance('ttd/soknad', false);
    const error = await processNext(h.world, { appId: 'ttd/soknad', instanceId: id }).catch((e) => e);
    expect(error.code).toBe('ACT_VALIDATION_FAILED');
    expect(error.message).toContain('1 validation errors found for task Task_1');
    expect(error.details.issues).toEqual([
      {
        severity: 1,
        code: 'TooFewDataElementsOfType',
        description: 'TooFewDataElementsOfType',
        field: 'vedlegg',
        dataElementId: null,
        source: 'Altinn.App.Core.Features.Validation.Default.DefaultTaskValidator-*',
      },
    ]);
    expect(h.fake.events.cloudEvents().map((e) => e.type)).toEqual(['app.instance.created']);
  });

  it('the template policy gives no `confirm`: a confirmation task is 403 ProblemDetails → ACT_POLICY_REFUSED naming confirm', async () => {
    h = await actsHarness();
    const id = await newInstance('ttd/bekreft', false);
    await processNext(h.world, { appId: 'ttd/bekreft', instanceId: id });
    const error = await processNext(h.world, { appId: 'ttd/bekreft', instanceId: id }).catch((e) => e);
    expect(error.code).toBe('ACT_POLICY_REFUSED');
    expect(error.details.action).toBe('confirm');
    expect(error.message).toContain('Task type: confirmation. Action: none.');
    // An app that grants it lets the owner through.
    h.fake.writes.defineApp({
      ...h.fake.writes.app('ttd/bekreft'),
      ownerActions: ['read', 'write', 'instantiate', 'complete', 'confirm'],
    });
    const ended = await processNext(h.world, { appId: 'ttd/bekreft', instanceId: id, action: 'confirm' });
    expect(ended.ended).toEqual(expect.any(String));
  });

  it('completeProcess runs next to the end; an ended process is a 409 text → ACT_PROCESS_ENDED', async () => {
    h = await actsHarness();
    const id = await newInstance();
    const ended = await completeProcess(h.world, { appId: 'ttd/soknad', instanceId: id });
    expect(ended.endEvent).toBe('EndEvent_1');
    const answer = await fetch(`${h.fake.url}/ttd/soknad/instances/${id}/process/completeProcess`, {
      method: 'PUT',
      headers: { Authorization: 'Bearer tok-1' },
    });
    expect(answer.status).toBe(409);
    expect(answer.headers.get('content-type')).toContain('text/plain');
    expect(await answer.text()).toBe('Process is ended. It cannot be restarted.');
    const again = await completeProcess(h.world, { appId: 'ttd/soknad', instanceId: id }).catch((e) => e);
    expect(again.code).toBe('ACT_PROCESS_ENDED');
    const next = await processNext(h.world, { appId: 'ttd/soknad', instanceId: id }).catch((e) => e);
    expect(next.code).toBe('ACT_PROCESS_ENDED');
    expect(next.details.body).toBe('Process is ended.');
  });

  it('completeProcess in a confirmation task: Forbid(), a 403 with no body → ACT_POLICY_REFUSED', async () => {
    h = await actsHarness();
    const id = await newInstance('ttd/bekreft', false);
    const error = await completeProcess(h.world, { appId: 'ttd/bekreft', instanceId: id }).catch((e) => e);
    expect(error.code).toBe('ACT_POLICY_REFUSED');
    expect(error.details.body).toBeUndefined();
    // The first step (a data task) was taken before the refusal.
    expect((await getProcess(h.world, { appId: 'ttd/bekreft', instanceId: id })).currentTask?.elementId).toBe('Task_2');
  });
});
