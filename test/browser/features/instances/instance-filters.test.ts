import { describe, expect, it } from 'vitest';
import {
  activeMoreFilters,
  draftToFilters,
  emptyDraft,
  nextDay,
} from '../../../../src/browser/features/instances/instance-filters';

describe('draftToFilters', () => {
  it('hides what we have confirmed by default (main decides who "we" are) and sends nothing else', () => {
    expect(draftToFilters(emptyDraft, 'ttd/mottak')).toEqual({
      ok: true,
      filters: { appId: 'ttd/mottak', notConfirmedByUs: true },
    });
  });

  it('turns every filter of the form into the Storage filter', () => {
    const result = draftToFilters(
      {
        notConfirmed: false,
        process: 'notComplete',
        currentTask: ' Task_2 ',
        createdFrom: '2025-01-01',
        createdTo: '2025-01-31',
        changedFrom: '',
        changedTo: '2025-12-31',
        archived: 'no',
        deleted: 'none',
        owner: '974 760 673',
      },
      'ttd/mottak',
    );
    expect(result).toEqual({
      ok: true,
      filters: {
        appId: 'ttd/mottak',
        isComplete: false,
        currentTask: 'Task_2',
        created: { gte: '2025-01-01', lt: '2025-02-01' },
        lastChanged: { lt: '2026-01-01' },
        isArchived: false,
        isSoftDeleted: false,
        isHardDeleted: false,
        instanceOwner: { kind: 'organisation', orgNumber: '974760673' },
      },
    });
  });

  it('reads 11 digits as a national id and flags other owner input', () => {
    const person = draftToFilters({ ...emptyDraft, owner: '010190 12345' }, 'ttd/a');
    expect(person.ok && person.filters.instanceOwner).toEqual({ kind: 'person', nationalId: '01019012345' });
    expect(draftToFilters({ ...emptyDraft, owner: '1234' }, 'ttd/a')).toEqual({
      ok: false,
      errors: { owner: 'instances.ownerInvalid' },
    });
  });

  it('refuses an end date before the start date and a task id Storage would reject', () => {
    const result = draftToFilters(
      { ...emptyDraft, createdFrom: '2025-03-01', createdTo: '2025-02-01', currentTask: 'Task 1' },
      'ttd/a',
    );
    expect(result).toEqual({
      ok: false,
      errors: { createdTo: 'instances.dateOrder', currentTask: 'instances.taskInvalid' },
    });
  });

  it('asks for the hard-deleted ones only when chosen', () => {
    const result = draftToFilters({ ...emptyDraft, deleted: 'hard', archived: 'yes' }, 'ttd/a');
    expect(result.ok && result.filters).toMatchObject({ isHardDeleted: true, isArchived: true });
    expect(result.ok && 'isSoftDeleted' in result.filters).toBe(false);
  });
});

describe('nextDay and activeMoreFilters', () => {
  it('crosses month and year ends', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
  });

  it('counts the filters hidden under "More filters"', () => {
    expect(activeMoreFilters(emptyDraft)).toBe(0);
    expect(activeMoreFilters({ ...emptyDraft, owner: '9', createdTo: '2025-01-01', deleted: 'soft' })).toBe(3);
  });
});
