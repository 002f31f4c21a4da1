import type { Command } from 'commander';
import type { ExportFormat, KeySummary } from '../../common/contract/keys';
import { AppError } from '../../common/errors/app-error';
import { type CliContext, UsageError } from '../context';

/** The environment variable a passphrase vault is unlocked from in unattended runs. */
export const VAULT_PASSPHRASE_ENV = 'MPD_VAULT_PASSPHRASE';

export function registerKeysCommands(program: Command, ctx: CliContext): void {
  const keys = program.command('keys').description('RSA keys for Maskinporten: generate, import, export, retire');

  keys
    .command('list')
    .description('List the stored keys (metadata only)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await ctx.services.keys.list();
      if (options.json) return ctx.json(list);
      if (list.length === 0) return ctx.print('No keys stored. Create one with: mpd keys generate --name NAME');
      for (const k of list) printKey(ctx, k);
    });

  keys
    .command('generate')
    .description('Generate an RSA key pair (RSA-2048 recommended for Maskinporten); prints the new key id')
    .requiredOption('--name <name>', 'a name for the key')
    .option('--bits <bits>', '2048 (default), 3072 or 4096')
    .option('--kid <kid>', 'the kid to register in Maskinporten (default: <name>-<yyyymmdd>-<random>)')
    .option('--json', 'print JSON')
    .action(async (options: { name: string; bits?: string; kid?: string; json?: boolean }) => {
      const bits = options.bits === undefined ? undefined : Number(options.bits);
      if (bits !== undefined && !Number.isInteger(bits))
        throw new UsageError(`--bits must be a number, not "${options.bits}"`);
      await unlockVaultIfNeeded(ctx);
      const key = await ctx.services.keys.generate({ name: options.name, bits, kid: options.kid });
      if (options.json) return ctx.json(key);
      ctx.print(key.id);
      ctx.io.stderr(`Generated RSA-${key.bits} key "${key.name}" with kid ${key.kid}\n`);
    });

  keys
    .command('import')
    .description(
      'Import a private key: PEM, DER, private JWK (also base64) or PKCS#12 (.p12/.pfx); prints the new key id',
    )
    .argument('<file>', 'the key file')
    .option('--name <name>', 'a name for the key (default: the certificate CN or the file name)')
    .option('--kid <kid>', 'the kid (default: the JWK kid, or <name>-<yyyymmdd>-<random>)')
    .option('--password-env <var>', 'read the file password from this environment variable')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { name?: string; kid?: string; passwordEnv?: string; json?: boolean }) => {
      await unlockVaultIfNeeded(ctx);
      const store = ctx.services.keys;
      let password = options.passwordEnv ? await ctx.secret(options.passwordEnv, 'File password: ') : undefined;
      let result: Awaited<ReturnType<typeof store.importFile>>;
      try {
        result = await store.importFile({ path: file, name: options.name, kid: options.kid, password });
      } catch (error) {
        // An encrypted file and no --password-env: ask on the terminal when there is one.
        if (
          !(error instanceof AppError) ||
          error.code !== 'KEY_PASSWORD_REQUIRED' ||
          password !== undefined ||
          !ctx.io.prompt
        ) {
          throw error;
        }
        password = await ctx.secret(undefined, `Password for ${file}: `);
        result = await store.importFile({ path: file, name: options.name, kid: options.kid, password });
      }
      for (const w of result.warnings) ctx.io.stderr(`Warning [${w.code}]: ${w.message}\n`);
      if (options.json) return ctx.json({ ...result.key, warnings: result.warnings });
      ctx.print(result.key.id);
      ctx.io.stderr(`Imported RSA-${result.key.bits} key "${result.key.name}" with kid ${result.key.kid}\n`);
    });

  keys
    .command('export')
    .description('Export keys: public JWK, JWKS, public PEM, encrypted backup, or (with --unencrypted) the private key')
    .argument('<ids...>', 'key id(s); several only with --jwks')
    .option('--public-jwk', 'the public JWK (kty, n, e, kid, alg RS256, use sig; x5c with a certificate)')
    .option('--jwks', 'a JWKS {"keys":[...]} of the given keys, for Samarbeidsportalen')
    .option('--public-pem', 'the public key as PEM (SPKI)')
    .option(
      '--backup',
      'the private key as passphrase-encrypted PKCS#8 PEM (scrypt, AES-256-CBC; a passphrase of 15+ characters)',
    )
    .option('--passphrase-env <var>', 'read the backup passphrase from this environment variable')
    .option('--private-pem', 'the private key as UNENCRYPTED PKCS#8 PEM (needs --unencrypted)')
    .option('--private-jwk-base64', 'the private key as UNENCRYPTED base64 JWK (needs --unencrypted)')
    .option('--unencrypted', 'confirm: the output is the private key in clear; anyone with it can act as your client')
    .option('--out <file>', 'write to this file (private formats get mode 0600) instead of stdout')
    .action(async (ids: string[], options: ExportFlags) => {
      const format = exportFormat(options);
      if (format !== 'jwks' && ids.length > 1) throw new UsageError('Several key ids need --jwks');
      const isPrivate = format === 'backup' || format === 'private-pem' || format === 'private-jwk-base64';
      if ((format === 'private-pem' || format === 'private-jwk-base64') && !options.unencrypted) {
        throw new UsageError(
          `--${format} writes the private key in clear; add --unencrypted to confirm, or use --backup for an encrypted copy`,
        );
      }
      let passphrase: string | undefined;
      if (format === 'backup') {
        if (!options.passphraseEnv && !ctx.io.prompt) {
          throw new UsageError('--backup needs --passphrase-env VAR (or a terminal to ask for the passphrase)');
        }
        passphrase = await ctx.secret(options.passphraseEnv, 'Backup passphrase: ');
      }
      if (isPrivate) await unlockVaultIfNeeded(ctx);
      const store = ctx.services.keys;
      const content = await store.exportContent(ids, format, { passphrase, confirmUnencrypted: options.unencrypted });
      if (!options.out) return ctx.io.stdout(content.content.endsWith('\n') ? content.content : `${content.content}\n`);
      await store.writeExport(options.out, content);
      ctx.io.stderr(`Wrote ${options.out}${content.private ? ' (mode 0600)' : ''}\n`);
    });

  keys
    .command('rename')
    .description('Rename a key (the kid does not change)')
    .argument('<id>')
    .argument('<name>')
    .action(async (id: string, name: string) => {
      const key = await ctx.services.keys.rename(id, name);
      ctx.print(`Renamed ${key.id} to "${key.name}"`);
    });

  keys
    .command('set-kid')
    .description('Change the kid of a key that is not yet registered in Maskinporten')
    .argument('<id>')
    .argument('<kid>')
    .action(async (id: string, kid: string) => {
      const key = await ctx.services.keys.setKid(id, kid);
      ctx.print(`Key ${key.id} now has kid ${key.kid}`);
    });

  keys
    .command('registered')
    .description('Record when the key was registered in Maskinporten (YYYY-MM-DD, or "none"); it expires a year later')
    .argument('<id>')
    .argument('<date>')
    .action(async (id: string, date: string) => {
      const registeredAt = date === 'none' ? null : date;
      const key = await ctx.services.keys.setRegisteredAt(id, registeredAt);
      ctx.print(
        key.registeredAt
          ? `Key ${key.id} registered ${key.registeredAt}; expires ${key.expiresAt}`
          : `Key ${key.id} is marked as not registered`,
      );
    });

  keys
    .command('delete')
    .description('Delete a key and its encrypted private half (needs --yes)')
    .argument('<id>')
    .option('--yes', 'confirm the deletion')
    .action(async (id: string, options: { yes?: boolean }) => {
      if (!options.yes)
        throw new UsageError('Deleting a key cannot be undone; add --yes to confirm (export a --backup first)');
      await ctx.services.keys.delete(id);
      ctx.print(`Deleted ${id}`);
    });

  const vault = keys.command('vault').description('Where private keys are sealed: the OS keychain or a passphrase');
  vault
    .command('status')
    .description('Show which vault is in use')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const status = await ctx.services.keys.vaultStatus();
      if (options.json) return ctx.json(status);
      ctx.print(`vault      ${status.kind === 'keychain' ? 'OS keychain' : 'passphrase'}`);
      ctx.print(
        `state      ${status.unlocked ? (status.kind === 'keychain' ? 'available' : 'unlocked') : status.kind === 'keychain' ? 'NOT AVAILABLE' : 'locked'}`,
      );
      if (status.detail) ctx.print(`detail     ${status.detail}`);
      ctx.print(`keys       ${status.keyCount}`);
    });
  vault
    .command('use-passphrase')
    .description('Seal keys with a passphrase instead of the OS keychain (only while no key is stored)')
    .option('--passphrase-env <var>', 'read the new vault passphrase from this environment variable')
    .action(async (options: { passphraseEnv?: string }) => {
      const passphrase = await ctx.secret(
        options.passphraseEnv ?? (ctx.io.prompt ? undefined : VAULT_PASSPHRASE_ENV),
        'New vault passphrase: ',
      );
      if (!passphrase) throw new UsageError(`Give the passphrase with --passphrase-env VAR or ${VAULT_PASSPHRASE_ENV}`);
      await ctx.services.keys.switchToPassphraseVault(passphrase);
      ctx.print(`The vault now uses a passphrase. Unattended runs read it from ${VAULT_PASSPHRASE_ENV}.`);
    });
  vault
    .command('use-keychain')
    .description('Seal keys with the OS keychain (only while no key is stored)')
    .action(async () => {
      await ctx.services.keys.switchToKeychainVault();
      ctx.print('The vault now uses the OS keychain.');
    });
}

interface ExportFlags {
  publicJwk?: boolean;
  jwks?: boolean;
  publicPem?: boolean;
  backup?: boolean;
  passphraseEnv?: string;
  privatePem?: boolean;
  privateJwkBase64?: boolean;
  unencrypted?: boolean;
  out?: string;
}

function exportFormat(options: ExportFlags): ExportFormat {
  const chosen: ExportFormat[] = [];
  if (options.publicJwk) chosen.push('public-jwk');
  if (options.jwks) chosen.push('jwks');
  if (options.publicPem) chosen.push('public-pem');
  if (options.backup) chosen.push('backup');
  if (options.privatePem) chosen.push('private-pem');
  if (options.privateJwkBase64) chosen.push('private-jwk-base64');
  if (chosen.length !== 1) {
    throw new UsageError(
      'Choose exactly one of --public-jwk, --jwks, --public-pem, --backup, --private-pem, --private-jwk-base64',
    );
  }
  return chosen[0];
}

/** A passphrase vault is unlocked from MPD_VAULT_PASSPHRASE, or the terminal prompt. */
export async function unlockVaultIfNeeded(ctx: CliContext): Promise<void> {
  const vault = ctx.services.keys.vault;
  if ((await vault.kind()) !== 'passphrase' || (await vault.status()).unlocked) return;
  const fromEnv = ctx.io.env[VAULT_PASSPHRASE_ENV];
  const passphrase =
    fromEnv ?? (ctx.io.prompt ? await ctx.io.prompt('Vault passphrase: ', { secret: true }) : undefined);
  if (!passphrase) {
    throw new AppError(
      'VAULT_LOCKED',
      `The passphrase vault is locked; set ${VAULT_PASSPHRASE_ENV} or run in a terminal`,
    );
  }
  await vault.unlock(passphrase);
}

function printKey(ctx: CliContext, k: KeySummary): void {
  const expiry =
    k.expiry === 'unregistered'
      ? 'not registered'
      : `registered ${k.registeredAt}, expires ${k.expiresAt}${k.expiry === 'ok' ? '' : ` [${k.expiry.toUpperCase()}]`}`;
  ctx.print(`${k.id}  ${k.name}`);
  ctx.print(`    kid ${k.kid}  RSA-${k.bits} ${k.alg}  created ${k.createdAt.slice(0, 10)}  ${k.source}`);
  ctx.print(`    ${expiry}`);
  if (k.certificate) {
    const org = k.certificate.orgNumber ? `  org ${k.certificate.orgNumber}` : '';
    ctx.print(`    certificate ${k.certificate.subject}${org}  valid to ${k.certificate.notAfter.slice(0, 10)}`);
  }
}
