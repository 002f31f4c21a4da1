import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { SecretStore } from '../node/keys/secret-store';
import { scriptedDesktop } from '../node/platform/desktop';
import { resolveHome } from '../node/platform/home';
import type { createServices, Services } from '../node/services';
import type { CliIo } from './io';

export interface CliDeps {
  secrets?: () => SecretStore;
  fetch?: typeof fetch;
  now?: () => Date;
  version: string;
  /** How to run this `mpd` again from a scheduler (absolute program and script); default this process's. */
  selfCommand?: string[];
}

/** What every command gets: the terminal, and the services built lazily from the chosen home folder. */
export class CliContext {
  private built?: Services;
  private loaded?: { createServices: typeof createServices; secrets: () => SecretStore };
  /** Set by a command that finished but did not fully succeed (for example: not every file verified). */
  exitCode = 0;
  /**
   * The person's own yes to a production write: their explicit flag (--yes-production, --confirm-production,
   * set before each command runs, program.ts) or the "yes" they typed (production-yes.ts).
   */
  productionYes = false;

  constructor(
    readonly io: CliIo,
    private readonly program: Command,
    private readonly deps: CliDeps,
  ) {}

  /**
   * Load the services' code and the OS keychain's binding before a command runs (program.ts): they are
   * most of the CLI, and `mpd --version` or `--help` need neither.
   */
  async loadServices(): Promise<void> {
    const [services, keychain] = await Promise.all([
      import('../node/services'),
      this.deps.secrets ? undefined : import('../node/keys/keychain'),
    ]);
    this.loaded = {
      createServices: services.createServices,
      secrets: this.deps.secrets ?? (() => (keychain as typeof import('../node/keys/keychain')).osKeychain()),
    };
  }

  get services(): Services {
    if (!this.built) {
      if (!this.loaded) throw new Error('The services were used before loadServices()');
      const home = resolveHome({ flag: this.program.opts<{ home?: string }>().home, env: this.io.env });
      this.built = this.loaded.createServices({
        home,
        secrets: this.loaded.secrets(),
        // What the window's app asks in main's own dialog (Desktop.confirmInMain), the command line answers
        // from its person: a production write only on their explicit flag or typed yes; any other change
        // (a key or client id in a test environment) is the command they typed. No dialogs, no files chosen.
        desktop: scriptedDesktop({ confirm: (request) => (request.production ? this.productionYes : true) }),
        fetch: this.deps.fetch,
        now: this.deps.now,
        appVersion: this.deps.version,
        // Any command that signs unlocks a passphrase vault the way `mpd keys` does: unattended from
        // MPD_VAULT_PASSPHRASE, else at the terminal prompt.
        vaultPassphrase: async () =>
          this.io.env.MPD_VAULT_PASSPHRASE ??
          (this.io.prompt ? this.io.prompt('Vault passphrase: ', { secret: true }) : undefined),
      });
    }
    return this.built;
  }

  /** The program and script that run this `mpd` (for `mpd sync schedule --print`). */
  get selfCommand(): string[] {
    return this.deps.selfCommand ?? [process.execPath, resolve(process.argv[1] ?? 'mpd')];
  }

  print(text: string): void {
    this.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }

  json(value: unknown): void {
    this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A secret from the named environment variable, or the terminal prompt; never from argv. */
  async secret(envVar: string | undefined, question: string): Promise<string | undefined> {
    if (envVar) {
      const value = this.io.env[envVar];
      if (value === undefined) throw new UsageError(`Environment variable ${envVar} is not set`);
      return value;
    }
    if (this.io.prompt) return this.io.prompt(question, { secret: true });
    return undefined;
  }
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}
