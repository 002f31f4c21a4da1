import { describe, expect, it } from 'vitest';
import type { InstanceSummary } from '../../../src/common/contract/instances';
import { neutralizeFormula } from '../../../src/node/export/csv-format';
import { instancesCsvRecord } from '../../../src/node/export/instances-csv';
import { parseCsv } from '../../helpers/csv-reader';

/** Every string in it came from Altinn, and each one is a formula a spreadsheet would run. */
const hostile: InstanceSummary = {
  id: '=1+1/4b9c8f1e',
  appId: '@SUM(A1)/app',
  instanceOwner: { partyId: '+HYPERLINK("http://x")' },
  created: '-2+3',
  lastChanged: ' =cmd|calc',
  currentTask: '\t=1',
  isComplete: false,
  confirmations: [{ stakeholderId: '=ttd', confirmedOn: '＝1+1' }],
  dataCount: 0,
  totalSize: 0,
  isArchived: false,
  isSoftDeleted: false,
  isHardDeleted: false,
};

describe('the CSV export defuses every string from Altinn (issue 17, finding 12)', () => {
  it('leaves no cell that a spreadsheet would run as a formula', () => {
    for (const separator of [';', ','] as const) {
      const [cells] = parseCsv(`\uFEFF${instancesCsvRecord(hostile, separator, 'nb')}`, separator) as string[][];
      for (const cell of cells ?? []) {
        expect(cell, cell).not.toMatch(/^\s*[=+\-@＝＋－＠]/);
      }
      // Defused with a leading apostrophe, the rest kept as it was.
      expect(cells).toContain("'=1+1/4b9c8f1e");
      expect(cells).toContain("'@SUM(A1)/app");
      expect(cells).toContain('\'+HYPERLINK("http://x")');
    }
  });

  it.each([
    ['=1', "'=1"],
    ['+47 22 00 00 00', "'+47 22 00 00 00"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\n=1', "'\n=1"],
    ['\u0000=1', "'\u0000=1"],
    [' =1', "' =1"],
    ['＝1', "'＝1"],
    ['＠x', "'＠x"],
    ['Task_1', 'Task_1'],
    ['ttd', 'ttd'],
    ['2025-03-01 10:00:00', '2025-03-01 10:00:00'],
  ])('neutralizeFormula(%j) → %j', (value, expected) => {
    expect(neutralizeFormula(value)).toBe(expected);
  });
});
