import { Command, CommanderError } from 'commander';
import { AppError } from '../common/errors/app-error';
import { CliContext, type CliDeps, UsageError } from './context';
import type { CliIo } from './io';

export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2 } as const;

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Each area registers its commands here with one line: the top-level command names it adds (or adds
 * subcommands to) and how to load its module. A module is loaded only when one of its commands runs — the
 * start of `mpd download` parses no other command's options and loads none of their code — and every
 * module is loaded for the help of the whole program, an unknown command or `mpd help`, so `--help` lists
 * everything. Order is registration order: a module that adds subcommands to another's command comes after it.
 */
export const commands: { names: string[]; load: () => Promise<Register> }[] = [
  { names: ['env'], load: async () => (await import('./commands/env')).registerEnvCommands },
  { names: ['keys'], load: async () => (await import('./commands/keys')).registerKeysCommands },
  { names: ['profiles'], load: async () => (await import('./commands/profiles')).registerProfilesCommands },
  { names: ['token', 'doctor'], load: async () => (await import('./commands/token')).registerTokenCommands },
  { names: ['clients'], load: async () => (await import('./commands/clients')).registerClientsCommands },
  { names: ['systems'], load: async () => (await import('./commands/systems')).registerSystemsCommands },
  { names: ['systemusers'], load: async () => (await import('./commands/systemusers')).registerSystemUsersCommands },
  { names: ['instances'], load: async () => (await import('./commands/instances')).registerInstancesCommands },
  { names: ['download'], load: async () => (await import('./commands/download')).registerDownloadCommand },
  { names: ['confirm'], load: async () => (await import('./commands/confirm')).registerConfirmCommand },
  { names: ['sync'], load: async () => (await import('./commands/sync')).registerSyncCommands },
  { names: ['instances'], load: async () => (await import('./commands/instance-acts')).registerInstanceActsCommands },
  {
    names: ['instances'],
    load: async () => (await import('./commands/instances-send')).registerInstancesSendCommand,
  },
  { names: ['data'], load: async () => (await import('./commands/data')).registerDataCommands },
  { names: ['process'], load: async () => (await import('./commands/process')).registerProcessCommands },
  { names: ['events', 'instances'], load: async () => (await import('./commands/events')).registerEventsCommands },
];

/** Run `mpd` with the given arguments (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const program = new Command('mpd')
    .description('Maskinporten Desktop on the command line: keys, tokens and Altinn instance data')
    .version(deps.version, '-V, --version', 'print the version')
    .option('--home <dir>', 'home folder for settings and keys (default: the app-data folder, or $MPD_HOME)')
    .showHelpAfterError('(run mpd --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  const ctx = new CliContext(io, program, deps);
  try {
    const needed = modulesFor(argv);
    // The services (what every command works with) load beside the command's own module.
    const [registers] = await Promise.all([
      Promise.all(needed.map((c) => c.load())),
      commandWord(argv) === undefined ? undefined : ctx.loadServices(),
    ]);
    for (const register of registers) register(program, ctx);
    for (const command of allCommands(program)) command.exitOverride();
    // The command's production flag is the person's answer to main's confirmation (context.ts).
    program.hook('preAction', (_program, action) => {
      const o = action.opts<{ yesProduction?: boolean; confirmProduction?: boolean }>();
      ctx.productionYes = o.yesProduction === true || o.confirmProduction === true;
    });
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

/** The command named in argv (its first word that is no option, nor the value of --home). */
function commandWord(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--home') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * The command modules argv needs: those of its command; none for `--version`; all of them for the
 * program's help, `mpd help …` or an unknown command (commander then lists or suggests them all).
 */
export function modulesFor(argv: string[]): typeof commands {
  const word = commandWord(argv);
  if (word === undefined && argv.some((a) => a === '-V' || a === '--version')) return [];
  const own = word === undefined ? [] : commands.filter((c) => c.names.includes(word));
  return own.length ? own : commands;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    if (error.exitCode === 0) return EXIT.OK;
    return EXIT.USAGE;
  }
  if (error instanceof UsageError) {
    io.stderr(`mpd: ${error.message}\n(run mpd --help for usage)\n`);
    return EXIT.USAGE;
  }
  if (error instanceof AppError) {
    io.stderr(`Error [${error.code}]: ${error.message}\n`);
    const hint = await englishHintOf(error.code);
    if (hint) io.stderr(`Hint: ${hint}\n`);
    return EXIT.FAILURE;
  }
  io.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.FAILURE;
}

/** The error catalogue (nb/en texts of every code) is loaded only when there is an error to explain. */
async function englishHintOf(code: string): Promise<string | undefined> {
  return (await import('../common/i18n/hints')).englishHint(code);
}
