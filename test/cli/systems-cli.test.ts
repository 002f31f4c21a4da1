import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { addCliProfile, mpdIn, registerCliKeyOnFakeClient } from '../helpers/local-world';
import { tempHome } from '../helpers/temp-home';
import {
  API_SCOPE,
  CUSTOMER_ORG,
  OTHER_CUSTOMER_ORG,
  type SystemsWorld,
  startSystemsWorld,
  VENDOR_CLIENT_ID,
  VENDOR_ORG,
  VENDOR_SCOPE_SET,
  writeSystemsEnvironments,
} from '../node/systems/systems-harness';

const SYSTEM_ID = `${VENDOR_ORG}_cli`;

/** `mpd systems …` and `mpd systemusers …` end to end: CLI → services → the system-register fake → the auth fake. */
describe('mpd systems and systemusers against the fakes', () => {
  let world: SystemsWorld;
  let home: string;
  let cleanup: () => Promise<void>;
  const mpd = mpdIn(() => home, memorySecretStore());
  const request = async (customer: string, ...extra: string[]) => {
    const made = await mpd('systemusers', 'request', '--system', SYSTEM_ID, '--customer', customer, ...extra);
    expect(made.code, made.err).toBe(0);
    return made.out.trim();
  };

  beforeAll(async () => {
    world = await startSystemsWorld();
    ({ home, cleanup } = await tempHome());
    await writeSystemsEnvironments(home, world);
    const key = await registerCliKeyOnFakeClient(mpd, world.auth, 'Leverandør', {
      clientId: VENDOR_CLIENT_ID,
      orgNo: VENDOR_ORG,
      scopes: [...VENDOR_SCOPE_SET, API_SCOPE],
    });
    const vendor = { env: 'local', clientId: VENDOR_CLIENT_ID, keyId: key.id };
    await addCliProfile(mpd, { ...vendor, name: 'Leverandør', scopes: VENDOR_SCOPE_SET });
    await addCliProfile(mpd, { ...vendor, name: 'KRR', scopes: [API_SCOPE] });
  }, 60_000);

  afterAll(async () => {
    await world?.close();
    await cleanup?.();
  });

  it('creates, lists, shows and updates a system (the only vendor profile is found by itself)', async () => {
    const created = await mpd(
      'systems',
      'create',
      SYSTEM_ID,
      '--name',
      'CLI-systemet',
      '--name-en',
      'The CLI system',
      '--description',
      'Laget fra kommandolinjen',
      '--resource',
      'ske-krav-og-betalinger',
      '--client-id',
      VENDOR_CLIENT_ID,
    );
    expect(created.code, created.err).toBe(0);
    expect(created.out.trim()).toBe(SYSTEM_ID);
    expect(world.register.system(SYSTEM_ID)?.name).toEqual({
      nb: 'CLI-systemet',
      nn: 'CLI-systemet',
      en: 'The CLI system',
    });

    const list = await mpd('systems', 'list');
    expect(list.code).toBe(0);
    // Altinn's list (RegisteredSystemDTO) has rights, not client ids; `show` reads the one system.
    expect(list.out).toContain(`${SYSTEM_ID}  CLI-systemet  [rights: ske-krav-og-betalinger]`);
    const shown = await mpd('systems', 'show', SYSTEM_ID);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain(`client ids:      ${VENDOR_CLIENT_ID}`);

    const updated = await mpd(
      'systems',
      'update',
      SYSTEM_ID,
      '--access-package',
      'urn:altinn:accesspackage:skattnaering',
    );
    expect(updated.code, updated.err).toBe(0);
    expect(updated.out).toContain('access packages: urn:altinn:accesspackage:skattnaering');
    expect(updated.out).toContain('resources:       ske-krav-og-betalinger');

    const again = await mpd('systems', 'create', SYSTEM_ID, '--name', 'X', '--description', 'Y');
    expect(again.code).toBe(1);
    expect(again.err).toContain('Error [SYSTEMS_ALREADY_EXISTS]');
    // Each item of Altinn's validationErrors on its own line: title, path and code.
    expect(again.err).toContain(
      '  - The system id already exists (/registersystemrequest/systemid) [AUTH.VLD-00002]\n',
    );
    expect(again.err).toContain('Hint: Choose another id');

    const noChange = await mpd('systems', 'update', SYSTEM_ID);
    expect(noChange.code).toBe(2);
  });

  it('requests a system user, waits for the approval, makes a profile and gets a system-user token', async () => {
    const made = await mpd(
      'systemusers',
      'request',
      '--system',
      SYSTEM_ID,
      '--customer',
      CUSTOMER_ORG,
      '--external-ref',
      'kunde-cli',
      '--qr',
    );
    expect(made.code, made.err).toBe(0);
    const id = made.out.trim();
    expect(made.err).toContain(
      `Send this link to the customer to approve in Altinn: https://am.ui.tt02.altinn.no/accessmanagement/ui/systemuser/request?id=${id}`,
    );
    expect(made.err).toContain('externalRef kunde-cli: system-user grants must carry it');
    expect(made.err).toMatch(/[█▀▄]{20}/);

    const waiting = await mpd('systemusers', 'status', id);
    expect(waiting.code).toBe(3);
    expect(waiting.out).toContain(`new  ${id}  standard  customer ${CUSTOMER_ORG}`);

    // The customer approves while `--wait` waits between reads.
    setTimeout(() => world.register.approve(id), 300);
    const waited = await mpd('systemusers', 'status', id, '--wait');
    expect(waited.code, waited.err).toBe(0);
    expect(waited.out).toContain(`accepted  ${id}`);
    expect(waited.err).toContain(`Waiting for ${CUSTOMER_ORG} to answer`);

    const listed = await mpd('systemusers', 'list', '--system', SYSTEM_ID);
    expect(listed.out).toContain(`${id}  standard  ${CUSTOMER_ORG}  externalRef kunde-cli`);

    const profile = await mpd(
      'systemusers',
      'make-profile',
      '--system',
      SYSTEM_ID,
      '--system-user',
      id,
      '--client-profile',
      'KRR',
      '--name',
      'Kunde CLI',
    );
    expect(profile.code, profile.err).toBe(0);
    const token = await mpd('token', '--profile', 'Kunde CLI', '--decode', '--json');
    expect(token.code, token.err).toBe(0);
    const claims = JSON.parse(token.out).claims as Record<string, unknown>;
    expect(claims.authorization_details).toEqual([
      expect.objectContaining({ systemuser_id: [id], system_id: SYSTEM_ID }),
    ]);
  }, 30_000);

  it('exits 1 for rejected and timed-out requests, and when --wait gives up', async () => {
    const rejected = await request(OTHER_CUSTOMER_ORG, '--external-ref', 'nei');
    const late = await request(OTHER_CUSTOMER_ORG, '--external-ref', 'sent');
    const pending = await request(OTHER_CUSTOMER_ORG, '--external-ref', 'venter');
    world.register.reject(rejected);
    world.register.timeOut(late);
    const no = await mpd('systemusers', 'status', rejected);
    expect(no.code).toBe(1);
    expect(no.out).toContain('rejected');
    const gone = await mpd('systemusers', 'status', late, '--wait');
    expect(gone.code).toBe(1);
    expect(gone.out).toContain('timed-out');
    const gaveUp = await mpd('systemusers', 'status', pending, '--wait', '--timeout', '1');
    expect(gaveUp.code).toBe(1);
    expect(gaveUp.err).toContain('Error [SYSTEMUSER_WAIT_TIMEOUT]');

    const all = await mpd('systemusers', 'requests', '--system', SYSTEM_ID, '--json');
    const statuses = (JSON.parse(all.out) as { status: string }[]).map((r) => r.status).sort();
    expect(statuses).toEqual(['accepted', 'new', 'rejected', 'timed-out']);
  });

  it('says when Altinn answers with an old request, and --renew deletes it and asks again (issue 18)', async () => {
    const old = await request(OTHER_CUSTOMER_ORG, '--external-ref', 'igjen');
    world.register.reject(old);
    const again = await mpd(
      'systemusers',
      'request',
      '--system',
      SYSTEM_ID,
      '--customer',
      OTHER_CUSTOMER_ORG,
      '--external-ref',
      'igjen',
    );
    // The customer was not asked: exit 1, the old id on stdout, the reason and the way out on stderr.
    expect(again.code).toBe(1);
    expect(again.out.trim()).toBe(old);
    expect(again.err).toContain(
      `Altinn answered with the request it already has for ${SYSTEM_ID}, customer ${OTHER_CUSTOMER_ORG} and externalRef igjen: ${old}, rejected (made `,
    );
    expect(again.err).toContain(
      'The customer was not asked again. To delete that request and ask again, run the same command with --renew.',
    );

    const renewed = await mpd(
      'systemusers',
      'request',
      '--system',
      SYSTEM_ID,
      '--customer',
      OTHER_CUSTOMER_ORG,
      '--external-ref',
      'igjen',
      '--renew',
    );
    expect(renewed.code, renewed.err).toBe(0);
    const id = renewed.out.trim();
    expect(id).not.toBe(old);
    expect(renewed.err).toContain(`Deleted the old request ${old} (rejected) and asked ${OTHER_CUSTOMER_ORG} again.`);
    expect(world.register.request(id)?.status).toBe('New');
    const gone = await mpd('systemusers', 'status', old);
    expect(gone.code).toBe(1);
    expect(gone.err).toContain('Error [SYSTEMUSER_REQUEST_NOT_FOUND]');
  });

  it('finds an agent request without --agent', async () => {
    const id = await request(OTHER_CUSTOMER_ORG, '--agent');
    const read = await mpd('systemusers', 'status', id, '--json');
    expect(read.code).toBe(3);
    expect(JSON.parse(read.out)).toMatchObject({ id, kind: 'agent', status: 'new' });
  });
});
