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

  it('exits 2 with a usage message on unknown commands and options', async () => {
    const io = bufferIo();
    expect(await runCli(['frobnicate'], io, deps)).toBe(2);
    expect(io.err()).toContain("unknown command 'frobnicate'");
    const io2 = bufferIo();
    expect(await runCli(['env', 'list', '--yaml'], io2, deps)).toBe(2);
    expect(io2.err()).toContain('--yaml');
  });
});
