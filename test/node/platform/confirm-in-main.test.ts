import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import { confirmInMainOrRefuse, confirmRequest } from '../../../src/node/platform/confirm-in-main';
import { scriptedDesktop } from '../../../src/node/platform/desktop';

const change = {
  environment: { name: 'Production', production: true },
  question: 'confirm.questionPublishKey',
  params: { kid: 'mp-2026', client: 'abc' },
  confirmLabel: 'confirm.yesPublishKey',
  facts: [
    ['confirm.factClient', 'abc'],
    ['confirm.factKid', 'mp-2026'],
    ['confirm.factClientIdsRemoved', []],
  ],
} as const satisfies Parameters<typeof confirmRequest>[1];

describe('confirm in main (the seam of issue 17, finding 4)', () => {
  it('builds the request in the language asked, environment first and production said last', () => {
    expect(confirmRequest('en', change)).toEqual({
      message: 'Publish key mp-2026 on client abc in Production (PRODUCTION)?',
      detail: [
        'Environment: Production (PRODUCTION)',
        'Client id: abc',
        'Key id (kid): mp-2026',
        'Client ids removed: none',
        'This is production: the change applies to real organisations and real data.',
      ],
      confirmLabel: 'Publish the key',
      cancelLabel: 'Cancel',
      production: true,
    });
    const test = confirmRequest('nb', { ...change, environment: { name: 'TT02', production: false } });
    expect(test.message).toBe('Publisere nøkkelen mp-2026 på klienten abc i TT02?');
    expect(test.detail.at(-1)).toBe('Klient-ID-er som fjernes: ingen');
  });

  it('passes on a yes and refuses anything else with CHANGE_NOT_CONFIRMED', async () => {
    const desktop = scriptedDesktop({ confirm: true });
    await confirmInMainOrRefuse({ desktop, language: async () => 'nb' }, change);
    desktop.answers.confirm = false;
    const refused = await confirmInMainOrRefuse({ desktop, language: async () => 'nb' }, change).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CHANGE_NOT_CONFIRMED');
    const failing = { confirmInMain: async () => Promise.reject(new Error('no window')) };
    const broken = await confirmInMainOrRefuse({ desktop: failing, language: async () => 'en' }, change).catch(
      (e) => e,
    );
    expect((broken as AppError).code).toBe('CHANGE_NOT_CONFIRMED');
    expect(desktop.confirmations).toHaveLength(2);
  });
});
