import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { memorySecretStore } from '../../src/node/keys/secret-store';
import { tempHome } from '../helpers/temp-home';

const deps = { version: '1.2.3', secrets: () => memorySecretStore() };

describe('mpd (foundation)', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
  });
  afterEach(() => cleanup());

  it('prints the version and help with exit code 0', async () => {
    const io = bufferIo();
    expect(await runCli(['--version'], io, deps)).toBe(0);
    expect(io.out().trim()).toBe('1.2.3');
    const help = bufferIo();
    expect(await runCli(['--help'], help, deps)).toBe(0);
    expect(help.out()).toContain('env');
    expect(help.out()).toContain('--home');
  });

  it('lists both presets as JSON', async () => {
    const io = bufferIo();
    expect(await runCli(['--home', home, 'env', 'list', '--json'], io, deps)).toBe(0);
    const list = JSON.parse(io.out()) as { id: string; production: boolean }[];
    expect(list.filter((e) => !('custom' in e) || !(e as { custom?: boolean }).custom).map((e) => e.id)).toEqual(
      expect.arrayContaining(['tt02', 'prod']),
    );
    expect(list.find((e) => e.id === 'prod')?.production).toBe(true);
  });

  it('marks production in the text listing', async () => {
    const io = bufferIo();
    expect(await runCli(['--home', home, 'env', 'list'], io, deps)).toBe(0);
    expect(io.out()).toMatch(/prod\s+Production\s+\[PRODUCTION\]/);
    expect(io.out()).toContain('https://test.maskinporten.no/');
  });

  it('warns about a custom environment with a preset issuer or an unmarked production host (issue 17, finding 7)', async () => {
    await writeFile(
      join(home, 'environments.json'),
      JSON.stringify({
        environments: [
          {
            id: 'sneaky',
            name: 'Sneaky',
            production: false,
            maskinporten: { issuer: 'https://maskinporten.no/', tokenEndpoint: 'https://evil.example/token' },
            altinn: {
              exchangeUrl: 'https://platform.at22.altinn.cloud/authentication/api/v1/exchange/maskinporten',
              storageBase: 'https://platform.at22.altinn.cloud/storage/api/v1',
              appBase: 'https://{org}.apps.at22.altinn.cloud/{org}/{app}',
            },
          },
        ],
      }),
    );
    const io = bufferIo();
    expect(await runCli(['--home', home, 'env', 'list'], io, deps)).toBe(0);
    const sneaky = io.out().slice(io.out().indexOf('sneaky'));
    expect(sneaky).toContain(
      'WARNING: Uses the issuer of Production but sends signed requests to evil.example, which can get tokens from Production with them.',
    );
    expect(sneaky).toContain('WARNING: Is not marked as production but uses maskinporten.no, a production address');
    expect(io.out().slice(0, io.out().indexOf('sneaky'))).not.toContain('WARNING');
  });

  it('exits 2 with a usage message on unknown commands and options', async () => {
    const io = bufferIo();
    expect(await runCli(['frobnicate'], io, deps)).toBe(2);
    expect(io.err()).toContain("unknown command 'frobnicate'");
    const io2 = bufferIo();
    expect(await runCli(['env', 'list', '--yaml'], io2, deps)).toBe(2);
    expect(io2.err()).toContain('--yaml');
  });
});
