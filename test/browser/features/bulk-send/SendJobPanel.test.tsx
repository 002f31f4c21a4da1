// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SendJobPanel } from '../../../../src/browser/features/bulk-send/SendJobPanel';
import { SendPlanPanel } from '../../../../src/browser/features/bulk-send/SendPlanPanel';
import { useAppStore } from '../../../../src/browser/store/use-app-store';
import type {
  RowProblem,
  SendJobSummary,
  SendPlanView,
  SendRowView,
} from '../../../../src/common/contract/bulk-send-types';

// jsdom lacks CSS.escape and document.getAnimations (the design system's popover polyfill uses them).
vi.hoisted(() => {
  const d = document as { getAnimations?: () => Animation[] };
  d.getAnimations ??= () => [];
  const g = globalThis as { CSS?: { escape?: (s: string) => string } };
  g.CSS ??= {};
  g.CSS.escape ??= (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`);
});

/**
 * The send view's per-row texts (issue 22 review): every problem and failure in the chosen language with the
 * row's own values, never the service's English message; a refused row still shows the owner the file gave.
 */

const job: SendJobSummary = {
  jobId: 'j1',
  state: 'partial',
  total: 5,
  sent: 1,
  alreadySent: 0,
  failed: 4,
  inFlight: 0,
  rate: 0,
  concurrencyNow: 4,
  failedBy: { checks: 3, sending: 1, stopped: 0 },
  profileId: 'p',
  appId: 'ttd/arsmelding',
  environmentId: 'local',
  production: false,
  fileName: 'arsmelding.csv',
  startedAt: '2026-12-08T02:00:00Z',
  endedAt: '2026-12-08T02:01:00Z',
};

const rows: SendRowView[] = [
  {
    row: 2,
    owner: { kind: 'org', value: '910753614' },
    prefillCount: 1,
    attachments: [],
    status: 'sent',
    instanceId: '50001/6f1c2a4e-0000-4000-8000-000000000001',
  },
  {
    row: 3,
    owner: null,
    prefillCount: 0,
    attachments: [],
    status: 'invalid',
    error: {
      code: 'ACT_OWNER_INVALID',
      message: 'The organisation number fails its mod-11 check digit',
      details: { kind: 'org', problem: 'checksum', value: '910753615', letter: 'A', column: 'orgno' },
    },
    given: [{ kind: 'org', column: 'orgno', value: '910753615' }],
  },
  {
    row: 4,
    owner: null,
    prefillCount: 0,
    attachments: [],
    status: 'invalid',
    error: {
      code: 'ACT_FILE_UNREADABLE',
      message: 'attachment.vedlegg (C): mangler.pdf does not exist (looked for beside the spreadsheet)',
      details: { name: 'mangler.pdf', reason: 'missing', letter: 'C', dataType: 'vedlegg' },
    },
    given: [{ kind: 'person', column: 'fnr', value: '15058550121' }],
  },
  {
    row: 5,
    owner: null,
    prefillCount: 0,
    attachments: [],
    status: 'invalid',
    error: { code: 'SEND_OWNER_MISSING', message: 'No owner: fill in exactly one of orgno, fnr and partyId' },
    given: [],
  },
  {
    row: 6,
    owner: { kind: 'org', value: '313367002' },
    prefillCount: 1,
    attachments: [],
    status: 'failed',
    error: { code: 'ACT_PARTY_TYPE_NOT_ALLOWED', message: 'Altinn refused: party type not allowed (403)' },
  },
];

function cells(row: number) {
  const tr = screen.getByTestId('send-results').querySelector(`tr[data-row="${row}"]`) as HTMLElement;
  const [, owner, status] = within(tr).getAllByRole('cell');
  return { owner: owner?.textContent ?? '', status: status?.textContent ?? '' };
}

afterEach(() => {
  cleanup();
  useAppStore.setState({ language: 'nb' });
});

describe('the results table', () => {
  it('in Norwegian: the owner the file gave and why, each reason in Norwegian with the row’s values', () => {
    useAppStore.setState({ language: 'nb' });
    render(<SendJobPanel job={job} rows={rows} />);
    expect(cells(2).owner).toBe('910 753 614');
    // The refused row shows the number the file had (grouped as elsewhere), not "–", and why.
    expect(cells(3).owner).toBe('910 753 615feil kontrollsiffer');
    expect(cells(3).status).toContain('Eieren er ikke gyldig');
    expect(cells(3).status).toContain('Organisasjonsnummeret 910\u00a0753\u00a0615 har feil kontrollsiffer');
    // A person's number: grouped 6+5 as the instances table shows it; the row is refused for its file.
    expect(cells(4).owner).toBe('150585 50121');
    expect(cells(4).status).toContain('Finner ikke filen «mangler.pdf» i mappen der regnearket ligger.');
    expect(cells(5).owner).toBe('–ingen mottaker');
    expect(cells(5).status).toContain('Fyll ut nøyaktig én av orgno, fnr og partyId.');
    // A failure while sending: the catalogue's title and hint, not Altinn's English.
    for (const r of [3, 4, 5, 6]) {
      expect(cells(r).status).not.toMatch(/does not exist|fails its|No owner|Altinn refused/);
    }
  });

  it('in English: the same values in English sentences', () => {
    useAppStore.setState({ language: 'en' });
    render(<SendJobPanel job={job} rows={rows} />);
    expect(cells(3).owner).toBe('910 753 615wrong check digit');
    expect(cells(3).status).toContain('The organisation number 910\u00a0753\u00a0615 has a wrong check digit.');
    expect(cells(4).status).toContain('The file "mangler.pdf" is not in the spreadsheet’s folder.');
    expect(cells(5).owner).toBe('–no recipient');
  });
});

describe('the dry run’s problems', () => {
  const problems: RowProblem[] = [
    {
      row: 1,
      column: 'Kommentar',
      code: 'SEND_UNKNOWN_COLUMN',
      message: 'Column "Kommentar" is not one the send knows; it is ignored (known: …)',
      details: { letter: 'D' },
      severity: 'warning',
    },
    {
      row: 5,
      column: 'visibleAfter',
      code: 'ACT_DATE_INVALID',
      message: 'visibleAfter "i morgen" is not an ISO 8601 date',
      details: { value: 'i morgen', letter: 'D', field: 'visibleAfter' },
      severity: 'error',
    },
    {
      row: 7,
      code: 'SEND_DUPLICATE_ROW',
      message: 'Row 7 is the same as row 6; it would be sent once',
      details: { other: 6 },
      severity: 'error',
    },
  ];
  const plan: SendPlanView = {
    fileId: 'f',
    fileName: 'arsmelding.csv',
    kind: 'csv',
    appId: 'ttd/arsmelding',
    environmentId: 'local',
    production: false,
    columns: [{ index: 0, header: 'orgno', role: 'orgno' }],
    problems,
    rows: [],
    summary: { rows: 6, toSend: 3, alreadySent: 0, invalid: 2, warnings: 1, attachments: 0 },
  };
  const text = (row: number) =>
    (screen.getByTestId('send-problems').querySelector(`tr[data-row="${row}"]`) as HTMLElement).textContent ?? '';

  it('says each problem in Norwegian with the row’s values', () => {
    useAppStore.setState({ language: 'nb' });
    render(<SendPlanPanel plan={plan} />);
    expect(text(1)).toContain('Kolonne D («Kommentar») brukes ikke.');
    expect(text(5)).toContain('«i morgen» er ikke en dato vi kan lese');
    expect(text(7)).toContain('Rad 7 er lik rad 6');
    for (const r of [1, 5, 7]) expect(text(r)).not.toMatch(/is not one the send knows|ISO 8601 date|same as row/);
  });

  it('and in English', () => {
    useAppStore.setState({ language: 'en' });
    render(<SendPlanPanel plan={plan} />);
    expect(text(5)).toContain('"i morgen" is not a date we can read');
    expect(text(7)).toContain('Row 7 is the same as row 6 and would be sent only once.');
  });
});
