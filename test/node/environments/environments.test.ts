import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/common/errors/app-error';
import {
  createEnvironmentRegistry,
  PRESETS,
  PRODUCTION,
  presetEnvironments,
  TT02,
} from '../../../src/node/environments/environments';
import { tempHome } from '../../helpers/temp-home';

let home: string;
let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  ({ home, cleanup } = await tempHome());
  file = join(home, 'environments.json');
});
afterEach(() => cleanup());

function local(overrides: Record<string, unknown> = {}) {
  return {
    id: 'local',
    name: 'Local',
    production: false,
    maskinporten: { issuer: 'http://127.0.0.1:5000/', tokenEndpoint: 'http://127.0.0.1:5000/token' },
    altinn: {
      exchangeUrl: 'http://127.0.0.1:5001/authentication/api/v1/exchange/maskinporten',
      storageBase: 'http://127.0.0.1:5001/storage/api/v1',
      appBase: 'http://127.0.0.1:5002/{org}/{app}',
    },
    ...overrides,
  };
}

async function writeEnvironments(value: unknown): Promise<void> {
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
}

function registry() {
  return createEnvironmentRegistry({ file, discovery: false });
}

async function listError(): Promise<AppError> {
  const error = await registry()
    .list()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('environment registry', () => {
  it('lists only the presets when there is no environments.json', async () => {
    const list = await registry().list();
    expect(list.map((e) => e.id)).toEqual(['tt02', 'prod']);
    expect(list.every((e) => !e.custom)).toBe(true);
  });

  it('keeps the preset endpoints of the reference (§1.1, §2)', () => {
    expect(TT02.maskinporten.issuer).toBe('https://test.maskinporten.no/');
    expect(PRODUCTION.maskinporten.issuer).toBe('https://maskinporten.no/');
    expect(PRODUCTION.production).toBe(true);
    expect(PRESETS).toHaveLength(2);
  });

  it('adds the custom environments of the shape in issue 5', async () => {
    await writeEnvironments({
      environments: [
        local({
          maskinporten: {
            ...local().maskinporten,
            wellKnown: 'http://127.0.0.1:5000/.well-known/oauth-authorization-server',
          },
        }),
        local({
          id: 'at22',
          name: 'AT22',
          maskinporten: {
            issuer: 'https://test.maskinporten.no/',
            tokenEndpoint: 'https://test.maskinporten.no/token',
          },
          altinn: {
            exchangeUrl: 'https://platform.at22.altinn.cloud/authentication/api/v1/exchange/maskinporten',
            storageBase: 'https://platform.at22.altinn.cloud/storage/api/v1',
            appBase: 'https://{org}.apps.at22.altinn.cloud/{org}/{app}',
          },
          selfService: {
            clientsUrl: 'https://api.test.samarbeid.digdir.no/clients/',
            samarbeidsportalen: 'https://samarbeid.digdir.no/',
          },
        }),
      ],
    });
    const list = await registry().list();
    expect(list.map((e) => e.id)).toEqual(['tt02', 'prod', 'local', 'at22']);
    const custom = await registry().get('local');
    expect(custom.custom).toBe(true);
    expect(custom.maskinporten.wellKnown).toBe('http://127.0.0.1:5000/.well-known/oauth-authorization-server');
    expect((await registry().get('at22')).selfService?.clientsUrl).toBe(
      'https://api.test.samarbeid.digdir.no/clients/',
    );
  });

  it.each([
    ['127.0.0.1', 'http://127.0.0.1:8080/'],
    ['::1', 'http://[::1]:8080/'],
    ['localhost', 'http://localhost:8080/'],
  ])('allows plain http on loopback (%s) for custom environments', async (_name, issuer) => {
    await writeEnvironments({ environments: [local({ maskinporten: { issuer, tokenEndpoint: `${issuer}token` } })] });
    expect((await registry().get('local')).maskinporten.issuer).toBe(issuer);
  });

  it('warns about a custom environment that reuses a preset issuer or, unmarked, a production host (issue 17, finding 7)', async () => {
    const altinn = (host: string) => ({
      exchangeUrl: `https://platform.${host}/authentication/api/v1/exchange/maskinporten`,
      storageBase: `https://platform.${host}/storage/api/v1`,
      appBase: `https://{org}.apps.${host}/{org}/{app}`,
    });
    await writeEnvironments({
      environments: [
        local(),
        local({
          id: 'at22',
          name: 'AT22',
          maskinporten: {
            issuer: 'https://test.maskinporten.no/',
            tokenEndpoint: 'https://test.maskinporten.no/token',
          },
          altinn: altinn('at22.altinn.cloud'),
        }),
        local({
          id: 'sneaky',
          name: 'Sneaky',
          maskinporten: { issuer: 'https://maskinporten.no/', tokenEndpoint: 'https://evil.example/token' },
          altinn: altinn('at22.altinn.cloud'),
        }),
        local({
          id: 'apps',
          name: 'Apps',
          altinn: { ...local().altinn, appBase: 'https://{org}.apps.altinn.no/{org}/{app}' },
        }),
        local({
          id: 'custom-prod',
          name: 'Custom prod',
          production: true,
          maskinporten: { issuer: 'https://maskinporten.no/', tokenEndpoint: 'https://maskinporten.no/token' },
          altinn: altinn('altinn.no'),
        }),
      ],
    });
    const warnings = Object.fromEntries((await registry().list()).map((e) => [e.id, e.warnings]));
    expect(warnings).toEqual({
      tt02: undefined,
      prod: undefined,
      local: undefined,
      at22: [{ code: 'preset-issuer', presetId: 'tt02', presetName: 'TT02' }],
      sneaky: [
        { code: 'preset-issuer', presetId: 'prod', presetName: 'Production', tokenHost: 'evil.example' },
        { code: 'production-host', host: 'maskinporten.no' },
      ],
      apps: [{ code: 'production-host', host: '{org}.apps.altinn.no' }],
      'custom-prod': [{ code: 'preset-issuer', presetId: 'prod', presetName: 'Production' }],
    });
  });

  it('works the list and its warnings out once while the file stays the same (every Storage request asks)', async () => {
    const at22 = local({
      id: 'at22',
      maskinporten: { issuer: 'https://test.maskinporten.no/', tokenEndpoint: 'https://test.maskinporten.no/token' },
    });
    await writeEnvironments({ environments: [at22] });
    const r = registry();
    const first = await r.get('at22');
    expect(first.warnings?.[0]?.code).toBe('preset-issuer');
    expect(await r.get('at22')).toBe(first);
    expect((await r.list()).at(-1)).toBe(first);
    // Changed on disk: worked out again.
    await writeEnvironments({ environments: [{ ...at22, name: 'AT22 igjen' }] });
    const changed = await r.get('at22');
    expect(changed).not.toBe(first);
    expect(changed.name).toBe('AT22 igjen');
    expect(Object.isFrozen(changed)).toBe(true);
  });

  it('accepts an explicit version 1', async () => {
    await writeEnvironments({ version: 1, environments: [local()] });
    expect((await registry().list()).at(-1)?.id).toBe('local');
  });

  const invalidCases: [string, unknown, string][] = [
    [
      'http issuer off loopback',
      {
        environments: [
          local({ maskinporten: { issuer: 'http://example.com/', tokenEndpoint: 'https://example.com/token' } }),
        ],
      },
      'environments[0].maskinporten.issuer: must be https (or http on loopback)',
    ],
    [
      'token endpoint that is no URL',
      { environments: [local({ maskinporten: { issuer: 'https://example.com/', tokenEndpoint: 'token' } })] },
      'environments[0].maskinporten.tokenEndpoint: not a valid URL',
    ],
    [
      'http on a host that only starts like localhost',
      {
        environments: [
          local({ maskinporten: { issuer: 'http://localhost.example.com/', tokenEndpoint: 'https://example.com/t' } }),
        ],
      },
      'environments[0].maskinporten.issuer: must be https (or http on loopback)',
    ],
    [
      'http well-known on a private address',
      {
        environments: [
          local({ maskinporten: { ...local().maskinporten, wellKnown: 'http://10.0.0.1/.well-known/x' } }),
        ],
      },
      'environments[0].maskinporten.wellKnown: must be https (or http on loopback)',
    ],
    [
      'missing exchange URL',
      {
        environments: [
          local({
            altinn: { storageBase: 'https://a.example/storage/api/v1', appBase: 'https://a.example/{org}/{app}' },
          }),
        ],
      },
      'environments[0].altinn.exchangeUrl: is required',
    ],
    [
      'app base without {app}',
      { environments: [local({ altinn: { ...local().altinn, appBase: 'https://{org}.apps.example.no/{org}' } })] },
      'environments[0].altinn.appBase: must contain the placeholders {org} and {app}',
    ],
    [
      'credentials in the storage URL',
      {
        environments: [local({ altinn: { ...local().altinn, storageBase: 'https://u:p@example.no/storage/api/v1' } })],
      },
      'environments[0].altinn.storageBase: must not contain a user name or password',
    ],
    [
      'upper-case id',
      { environments: [local({ id: 'Local' })] },
      'environments[0].id: must be lower-case letters, digits and dashes',
    ],
    ['empty name', { environments: [local({ name: '  ' })] }, 'environments[0].name: must not be empty'],
    [
      'missing production flag',
      { environments: [{ ...local(), production: undefined }] },
      'environments[0].production: is required',
    ],
    ['production as a string', { environments: [local({ production: 'no' })] }, 'environments[0].production:'],
    [
      'misspelt field',
      {
        environments: [
          local({ maskinporten: { issuer: 'https://example.com/', tokenEndpiont: 'https://example.com/token' } }),
        ],
      },
      'environments[0].maskinporten: unknown field "tokenEndpiont"',
    ],
    [
      'ftp self-service URL',
      {
        environments: [
          local({
            selfService: {
              clientsUrl: 'ftp://example.no/clients/',
              samarbeidsportalen: 'https://samarbeid.digdir.no/',
            },
          }),
        ],
      },
      'environments[0].selfService.clientsUrl: must be https (or http on loopback)',
    ],
    [
      'the second environment at fault',
      {
        environments: [
          local(),
          local({ id: 'two', altinn: { ...local().altinn, storageBase: 'http://192.168.1.5/s' } }),
        ],
      },
      'environments[1].altinn.storageBase: must be https (or http on loopback)',
    ],
    ['environments not a list', { environments: { id: 'local' } }, 'environments:'],
    ['unknown top-level field', { environment: [local()] }, 'unknown field "environment"'],
    [
      'the preset id tt02',
      { environments: [local({ id: 'tt02' })] },
      'environments[0].id: "tt02" is a built-in environment',
    ],
    [
      'the preset id prod',
      { environments: [local({ id: 'prod' })] },
      'environments[0].id: "prod" is a built-in environment',
    ],
    [
      'an id used twice',
      { environments: [local(), local({ name: 'Again' })] },
      'environments[1].id: "local" is used twice',
    ],
    ['text that is not JSON', '{"environments": [', 'is not valid JSON'],
  ];

  it.each(invalidCases)('refuses %s, naming the field', async (_label, content, expected) => {
    await writeEnvironments(content);
    const error = await listError();
    expect(error.code).toBe('ENVIRONMENTS_FILE_INVALID');
    expect(error.message).toContain(expected);
    expect(error.message).toContain(file);
    expect(error.details?.path).toBe(file);
  });

  it('still finds a preset while the file is broken, and reports the file for custom ids', async () => {
    await writeEnvironments({ environments: [local({ production: 'no' })] });
    expect((await registry().get('tt02')).id).toBe('tt02');
    await expect(registry().get('local')).rejects.toMatchObject({ code: 'ENVIRONMENTS_FILE_INVALID' });
  });

  it('reports an unknown id', async () => {
    await expect(registry().get('nowhere')).rejects.toMatchObject({ code: 'UNKNOWN_ENVIRONMENT' });
  });

  it('picks up an edited file without a restart', async () => {
    const envs = registry();
    expect(await envs.list()).toHaveLength(2);
    await writeEnvironments({ environments: [local()] });
    expect(await envs.list()).toHaveLength(3);
  });

  it('reads the file again only when it has changed (a token lookup asks on every request)', async () => {
    await writeEnvironments({ environments: [local()] });
    const envs = registry();
    const first = await envs.get('local');
    expect(await envs.get('local')).toBe(first);
    await writeEnvironments({ environments: [local({ name: 'Local, edited' })] });
    const edited = await envs.get('local');
    expect(edited.name).toBe('Local, edited');
    expect(await envs.get('local')).toBe(edited);
  });

  it('keeps presetEnvironments() offline and preset-only', async () => {
    const envs = presetEnvironments();
    expect((await envs.list()).map((e) => e.id)).toEqual(['tt02', 'prod']);
    const resolved = await envs.resolve('tt02');
    expect(resolved.discovered).toBe(false);
    expect(resolved.maskinporten.tokenEndpoint).toBe(TT02.maskinporten.tokenEndpoint);
  });
});
