import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applicationMetadataSchema } from '../../../src/common/schemas/application-metadata';
import { mapColumns } from '../../../src/node/bulk-send/column-map';
import { checkRows } from '../../../src/node/bulk-send/row-checks';
import { parseCsvSheet } from '../../../src/node/bulk-send/sheet-file';
import { applicationMetadataJson } from '../../fakes/fake-apps';
import { ORG, ORG2, PERSON, SOKNAD } from '../acts/acts-harness';

const metadata = applicationMetadataSchema.parse(applicationMetadataJson(SOKNAD));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mpd-rows-'));
  await writeFile(join(dir, 'brev.pdf'), '%PDF-1.7 brev');
  await writeFile(join(dir, 'tom.pdf'), '');
  await writeFile(join(dir, 'notat.txt'), 'tekst');
  await mkdir(join(dir, 'vedlegg'));
  await writeFile(join(dir, 'vedlegg', 'b.pdf'), '%PDF-1.7 b');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function check(csv: string) {
  const table = parseCsvSheet('liste.csv', Buffer.from(csv));
  const { columns, problems } = mapColumns(table.header);
  const rows = await checkRows(table, columns, metadata, join(dir, 'liste.csv'));
  return { columns, header: problems, ...rows };
}

describe('columns', () => {
  it('maps the known names (case-insensitive, Norwegian names too) and flags the unknown ones', () => {
    const { columns, problems } = mapColumns([
      'OrgNo',
      'Fødselsnummer',
      'partyId',
      'prefill.Skjema.Navn',
      'attachment.vedlegg',
      'dueBefore',
      'Kommentar',
    ]);
    expect(columns.map((c) => [c.role, c.target ?? null])).toEqual([
      ['orgno', null],
      ['fnr', null],
      ['partyId', null],
      ['prefill', 'Skjema.Navn'],
      ['attachment', 'vedlegg'],
      ['dueBefore', null],
      ['unknown', null],
    ]);
    expect(problems).toMatchObject([{ row: 1, column: 'Kommentar', code: 'SEND_UNKNOWN_COLUMN', severity: 'warning' }]);
  });

  it('refuses a file with no owner column, an empty header or two columns for the same thing', () => {
    expect(() => mapColumns(['prefill.a'])).toThrow(expect.objectContaining({ code: 'SEND_NO_OWNER_COLUMN' }));
    expect(() => mapColumns(['', ''])).toThrow(expect.objectContaining({ code: 'SEND_FILE_INVALID' }));
    expect(() => mapColumns(['orgno', 'orgnr'])).toThrow(expect.objectContaining({ code: 'SEND_FILE_INVALID' }));
  });
});

describe('rows', () => {
  it('plans valid rows with prefill, dates and attachments; empty rows keep their numbers', async () => {
    const r = await check(
      `orgno;fnr;prefill.Navn;dueBefore;attachment.vedlegg\n${ORG.orgNumber};;Tilskudd;2026-06-30;brev.pdf\n\n;${PERSON.ssn};Kari;;vedlegg/b.pdf\n`,
    );
    expect(r.problems).toEqual([]);
    expect(r.count).toBe(2);
    expect(
      r.planned.map((p) => [p.row, p.owner, p.prefill, p.dueBefore, p.attachments.map((a) => a.filename)]),
    ).toEqual([
      [2, { kind: 'org', value: ORG.orgNumber }, { Navn: 'Tilskudd' }, '2026-06-30', ['brev.pdf']],
      [4, { kind: 'person', value: PERSON.ssn }, { Navn: 'Kari' }, undefined, ['b.pdf']],
    ]);
    expect(r.planned[0]?.attachments[0]).toMatchObject({ contentType: 'application/pdf', size: 13 });
    expect(r.planned[0]?.attachments[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports every problem by its row number and plans none of those rows', async () => {
    const r = await check(
      [
        'orgno;fnr;prefill.Navn;visibleAfter;attachment.vedlegg;attachment.finnesikke',
        `910753615;;a;;;`, // 2: checksum
        `;;b;;;`, // 3: no owner
        `${ORG.orgNumber};${PERSON.ssn};c;;;`, // 4: two owners
        `${ORG2.orgNumber};;d;i morgen;;`, // 5: date
        `${ORG2.orgNumber};;e;;mangler.pdf;`, // 6: missing file
        `${ORG2.orgNumber};;f;;notat.txt;`, // 7: content type
        `${ORG2.orgNumber};;g;;tom.pdf;`, // 8: empty file
        `${ORG2.orgNumber};;h;;../utenfor.pdf;`, // 9: outside the folder
        `${ORG2.orgNumber};;i;;;brev.pdf`, // 10: data type the app does not have
        `${ORG.orgNumber};;ok;;;`, // 11: fine
      ].join('\n'),
    );
    const byRow = r.problems.map((p) => [p.row, p.code]);
    expect(byRow).toEqual([
      [2, 'ACT_OWNER_INVALID'],
      [3, 'SEND_OWNER_MISSING'],
      [4, 'SEND_OWNER_SEVERAL'],
      [5, 'ACT_DATE_INVALID'],
      [6, 'ACT_FILE_UNREADABLE'],
      [7, 'ACT_CONTENT_TYPE_NOT_ALLOWED'],
      [8, 'ACT_FILE_EMPTY'],
      [9, 'SEND_ATTACHMENT_OUTSIDE'],
      [10, 'ACT_DATA_TYPE_UNKNOWN'],
    ]);
    expect(r.planned.map((p) => p.row)).toEqual([11]);
    expect([...r.invalid.keys()]).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // A national identity number is personal data: it is not repeated in a message.
    expect(JSON.stringify(r.problems)).not.toContain(PERSON.ssn);
  });

  it("gives the window each problem's values (the cell, the column's letter, the file, the earlier row) and the refused rows' owner cells", async () => {
    const r = await check(
      [
        'orgno;fnr;prefill.Navn;visibleAfter;attachment.vedlegg',
        `910753615;;a;;`, // 2: checksum
        `;;b;;`, // 3: no owner
        `${ORG.orgNumber};${PERSON.ssn};c;;`, // 4: two owners
        `${ORG2.orgNumber};;d;i morgen;`, // 5: date
        `${ORG2.orgNumber};;e;;mangler.pdf`, // 6: missing file
        `${ORG2.orgNumber};;f;;notat.txt`, // 7: content type
        `${ORG2.orgNumber};;d;i morgen;`, // 8: the same as row 5 (and its date)
        `;15058550122;g;;`, // 9: a person's number with a wrong check digit
      ].join('\n'),
    );
    const of = (row: number) => r.problems.find((p) => p.row === row);
    expect(of(2)).toMatchObject({
      column: 'orgno',
      details: { kind: 'org', problem: 'checksum', value: '910753615', letter: 'A' },
    });
    expect(of(3)?.details).toBeUndefined();
    expect(of(4)).toMatchObject({ details: { columns: 'orgno, fnr' } });
    expect(of(5)).toMatchObject({
      column: 'visibleAfter',
      details: { value: 'i morgen', letter: 'D', field: 'visibleAfter' },
    });
    expect(of(6)).toMatchObject({
      details: { name: 'mangler.pdf', reason: 'missing', letter: 'E', dataType: 'vedlegg' },
    });
    expect(of(7)).toMatchObject({
      details: {
        filename: 'notat.txt',
        dataType: 'vedlegg',
        contentType: 'text/plain',
        allowed: 'application/pdf, image/png',
      },
    });
    expect(of(9)).toMatchObject({ details: { kind: 'person', problem: 'checksum', value: '15058550122' } });
    // A refused row keeps the owner cells the file gave: none, both of two, the one with a bad check digit.
    expect(r.given.get(2)).toEqual([{ kind: 'org', column: 'orgno', value: '910753615' }]);
    expect(r.given.get(3)).toEqual([]);
    expect(r.given.get(4)).toEqual([
      { kind: 'org', column: 'orgno', value: ORG.orgNumber },
      { kind: 'person', column: 'fnr', value: PERSON.ssn },
    ]);
    expect(r.given.get(9)).toEqual([{ kind: 'person', column: 'fnr', value: '15058550122' }]);
    expect(r.given.has(11)).toBe(false);
    // The English message the CLI prints still leaves a person's number out.
    expect(r.problems.map((p) => p.message).join('\n')).not.toContain('15058550122');
  });

  it('names the earlier row of an identical row and of a repeated owner', async () => {
    const r = await check(`orgno;prefill.Navn\n${ORG.orgNumber};a\n${ORG.orgNumber};b\n${ORG.orgNumber};a\n`);
    expect(r.problems.map((p) => [p.row, p.code, p.details])).toEqual([
      [3, 'SEND_DUPLICATE_OWNER', { other: 2 }],
      [4, 'SEND_DUPLICATE_ROW', { other: 2 }],
    ]);
    expect(mapColumns(['orgno', 'Kommentar']).problems[0]?.details).toEqual({ letter: 'B' });
  });

  it('refuses an absolute path and a link that leads out of the folder', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'mpd-out-'));
    await writeFile(join(outside, 'hemmelig.pdf'), '%PDF secret');
    await symlink(join(outside, 'hemmelig.pdf'), join(dir, 'lenke.pdf'));
    const r = await check(
      `orgno;attachment.vedlegg\n${ORG.orgNumber};${join(outside, 'hemmelig.pdf')}\n${ORG2.orgNumber};lenke.pdf\n`,
    );
    await rm(outside, { recursive: true, force: true });
    expect(r.problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'SEND_ATTACHMENT_OUTSIDE'],
      [3, 'SEND_ATTACHMENT_OUTSIDE'],
    ]);
  });

  it('flags an identical row as an error and the same owner twice as a warning', async () => {
    const r = await check(`orgno;prefill.Navn\n${ORG.orgNumber};a\n${ORG.orgNumber};b\n${ORG.orgNumber};a\n`);
    expect(r.problems.map((p) => [p.row, p.code, p.severity])).toEqual([
      [3, 'SEND_DUPLICATE_OWNER', 'warning'],
      [4, 'SEND_DUPLICATE_ROW', 'error'],
    ]);
    expect(r.planned.map((p) => p.row)).toEqual([2, 3]);
  });

  it('keys a row by its content: the same content in another place or another file name is the same key', async () => {
    await writeFile(join(dir, 'kopi.pdf'), '%PDF-1.7 brev');
    const a = await check(`orgno;prefill.A;prefill.B;attachment.vedlegg\n${ORG.orgNumber};1;2;brev.pdf\n`);
    const b = await check(`prefill.B;attachment.vedlegg;orgno;prefill.A\n\n2;kopi.pdf;${ORG.orgNumber};1\n`);
    const c = await check(`orgno;prefill.A;prefill.B;attachment.vedlegg\n${ORG.orgNumber};1;3;brev.pdf\n`);
    expect(b.planned[0]?.key).toBe(a.planned[0]?.key);
    expect(c.planned[0]?.key).not.toBe(a.planned[0]?.key);
  });
});
