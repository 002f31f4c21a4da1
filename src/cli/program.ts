import { Command, CommanderError } from 'commander';
import { AppError } from '../common/errors/app-error';
import { englishHint } from '../common/i18n/hints';
import { osKeychain } from '../node/keys/keychain';
import { registerClientsCommands } from './commands/clients';
import { registerConfirmCommand } from './commands/confirm';
import { registerDataCommands } from './commands/data';
import { registerDownloadCommand } from './commands/download';
import { registerEnvCommands } from './commands/env';
import { registerEventsCommands } from './commands/events';
import { registerInstanceActsCommands } from './commands/instance-acts';
import { registerInstancesCommands } from './commands/instances';
import { registerInstancesSendCommand } from './commands/instances-send';
import { registerKeysCommands } from './commands/keys';
import { registerProcessCommands } from './commands/process';
import { registerProfilesCommands } from './commands/profiles';
import { registerSyncCommands } from './commands/sync';
import { registerSystemsCommands } from './commands/systems';
import { registerSystemUsersCommands } from './commands/systemusers';
import { registerTokenCommands } from './commands/token';
import { CliContext, type CliDeps, UsageError } from './context';
import type { CliIo } from './io';

export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2 } as const;

/** Each area registers its commands here with one line. */
const registrations = [
  registerEnvCommands,
  registerKeysCommands,
  registerProfilesCommands,
  registerTokenCommands,
  registerClientsCommands,
  registerSystemsCommands,
  registerSystemUsersCommands,
  registerInstancesCommands,
  registerDownloadCommand,
  registerConfirmCommand,
  registerSyncCommands,
  registerInstanceActsCommands,
  registerInstancesSendCommand,
  registerDataCommands,
  registerProcessCommands,
  registerEventsCommands,
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
  const ctx = new CliContext(io, program, deps, deps.secrets ?? (() => osKeychain()));
  for (const register of registrations) register(program, ctx);
  for (const command of allCommands(program)) command.exitOverride();
  // The command's production flag is the person's answer to main's confirmation (context.ts).
  program.hook('preAction', (_program, action) => {
    const o = action.opts<{ yesProduction?: boolean; confirmProduction?: boolean }>();
    ctx.productionYes = o.yesProduction === true || o.confirmProduction === true;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

function reportError(error: unknown, io: CliIo): number {
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
    const hint = englishHint(error.code);
    if (hint) io.stderr(`Hint: ${hint}\n`);
    return EXIT.FAILURE;
  }
  io.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.FAILURE;
}
