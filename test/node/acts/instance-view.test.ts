import { describe, expect, it } from 'vitest';
import { parseInstance } from '../../../src/node/acts/instance-view';

const instance = {
  id: '50001/6f9c1a52-3c1e-4a8e-9d59-0c1f2b3a4d5e',
  appId: 'ttd/soknad',
  org: 'ttd',
  instanceOwner: { partyId: '50001', organisationNumber: '910753614' },
  created: '2026-12-07T10:00:00Z',
  process: { started: '2026-12-07T10:00:00Z', currentTask: { elementId: 'Task_1', altinnTaskType: 'data' } },
  data: [{ id: '0b6c4f1e-1d2e-4f3a-8b9c-0d1e2f3a4b5c', dataType: 'model', contentType: 'application/xml', size: 12 }],
  unknownMember: { kept: true },
};

describe('an instance from the app API or Storage (parseInstance)', () => {
  it('is taken as it came when it has the shape (the fast check: no copy of every instance)', () => {
    const json = structuredClone(instance);
    expect(parseInstance(json, 'create an instance')).toBe(json);
  });

  it("is refused with the schema's precise words when it has not, and the outcome stays unknown", () => {
    const error = (() => {
      try {
        parseInstance({ ...instance, id: 'not-an-id' }, 'create an instance of ttd/soknad');
      } catch (e) {
        return e as { code: string; message: string; details?: Record<string, unknown> };
      }
    })();
    expect(error?.code).toBe('STORAGE_BAD_RESPONSE');
    expect(error?.message).toMatch(/^Unexpected instance from create an instance of ttd\/soknad: id: /);
    expect(error?.details?.outcome).toBe('unknown');
  });
});
