import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelCalls } from '../../helpers/channel-calls';
import { tempHome } from '../../helpers/temp-home';
import { testServices } from '../../helpers/test-services';

/**
 * Deleting a stored key through the window (issue 17, finding 4: every change of keys is confirmed in main):
 * the name typed in the window is not enough; main asks in its own dialog, and a no deletes nothing.
 */
describe("deleting a stored key needs main's own yes", () => {
  let cleanup: () => Promise<void>;
  let t: ReturnType<typeof testServices>;
  const { ok, fail } = channelCalls(() => t.dispatch);

  beforeEach(async () => {
    const temp = await tempHome('mpd-key-delete-');
    cleanup = temp.cleanup;
    t = testServices(temp.home);
  });
  afterEach(async () => cleanup());

  it('asks with the name, kid, thumbprint and the profiles left without a key; a no keeps the key', async () => {
    const key = await t.services.keys.generate({ name: 'Mottak 2026' });
    await t.services.profiles.add({
      name: 'Mottak test',
      environmentId: 'tt02',
      clientId: 'mottak-klient',
      keyId: key.id,
      scopes: ['altinn:serviceowner/instances.read'],
      org: 'ttd',
    });
    t.desktop.answers.confirm = false;
    expect((await fail('keys:delete', { id: key.id })).code).toBe('CHANGE_NOT_CONFIRMED');
    expect((await t.services.keys.list()).map((k) => k.id)).toEqual([key.id]);
    expect(t.desktop.confirmations.at(-1)).toEqual({
      message: 'Slette nøkkelen «Mottak 2026» for godt?',
      detail: [
        `Nøkkel-ID (kid): ${key.kid}`,
        `SHA-256-tommelavtrykk (JWK): ${key.thumbprint}`,
        'Klientprofiler som bruker nøkkelen: Mottak test',
        'Den private nøkkelen slettes fra denne maskinen. Bare en sikkerhetskopi kan gi den tilbake.',
        'Profilene som bruker nøkkelen, kan ikke hente token før de får en annen nøkkel.',
      ],
      confirmLabel: 'Slett nøkkelen',
      cancelLabel: 'Avbryt',
      production: false,
    });
  });

  it("deletes after main's yes; an unknown key fails before any dialog", async () => {
    const key = await t.services.keys.generate({ name: 'Gammel' });
    t.desktop.answers.confirm = true;
    expect(await ok('keys:delete', { id: key.id })).toEqual({ deleted: true });
    expect(await t.services.keys.list()).toEqual([]);
    const asked = t.desktop.confirmations.length;
    expect((await fail('keys:delete', { id: key.id })).code).toBe('KEY_NOT_FOUND');
    expect(t.desktop.confirmations).toHaveLength(asked);
  });
});
