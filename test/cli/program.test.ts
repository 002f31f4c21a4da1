import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io';
import { commands, modulesFor, runCli } from '../../src/cli/program';
import { memorySecretStore } from '../../src/node/keys/secret-store';

const deps = { version: '1.2.3', secrets: () => memorySecretStore() };
const names = (argv: string[]) => modulesFor(argv).map((c) => c.names.join('+'));

describe('mpd loads the code of the command it runs, and only that (issue 21)', () => {
  it('picks the modules from the command word, past --home and its value', () => {
    expect(names(['--home', '/x', 'download', '--profile', 'download'])).toEqual(['download']);
    expect(names(['--home=/x', 'token', '--profile', 'p'])).toEqual(['token+doctor']);
    expect(names(['doctor', '--profile', 'p'])).toEqual(['token+doctor']);
    // A command that another module adds subcommands to: both, in registration order.
    expect(names(['instances', 'create', '--profile', 'p'])).toEqual([
      'instances',
      'instances',
      'instances',
      'events+instances',
    ]);
    expect(names(['events', '--profile', 'p'])).toEqual(['events+instances']);
    expect(modulesFor(['instances'])).toEqual(commands.filter((c) => c.names.includes('instances')));
    expect(names(['--version'])).toEqual([]);
    expect(names(['-V'])).toEqual([]);
    for (const argv of [[], ['--help'], ['help', 'download'], ['dowload'], ['--home', '/x']]) {
      expect(modulesFor(argv)).toEqual(commands);
    }
  });

  it('lists every command in the help of the whole program, and each runs its own help', async () => {
    const help = bufferIo();
    expect(await runCli(['--help'], help, deps)).toBe(0);
    const listed = [...help.out().matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]);
    const registered = [...new Set(commands.flatMap((c) => c.names))];
    expect(listed).toEqual(expect.arrayContaining(registered));
    for (const name of registered) {
      const own = bufferIo();
      expect(await runCli([name, '--help'], own, deps)).toBe(0);
      expect(own.out()).toContain(`Usage: mpd ${name}`);
    }
    // The subcommands another module adds are there when their command runs.
    const instances = bufferIo();
    expect(await runCli(['instances', '--help'], instances, deps)).toBe(0);
    expect(instances.out()).toMatch(/^ {2}create\b/m);
  });

  it('suggests a command it did not load for a typo', async () => {
    const io = bufferIo();
    expect(await runCli(['dowload'], io, deps)).toBe(2);
    expect(io.err()).toContain('download');
  });
});
