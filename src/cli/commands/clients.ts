import type { Command } from 'commander';
import type { ClientDetails, ClientKeyInfo, PublishKeyResult, RemoveKeyResult } from '../../common/contract/clients';
import type { KeySummary } from '../../common/contract/keys';
import { AppError } from '../../common/errors/app-error';
import { fillText, selfServiceTexts } from '../../common/i18n/errors/selfservice';
import { type CliContext, UsageError } from '../context';
import { unlockVaultIfNeeded } from './keys';

const repeat = (value: string, previous?: string[]) => [...(previous ?? []), value];
const en = (id: string, values: Record<string, string | number> = {}) => fillText(selfServiceTexts[id].en, values);

interface AdminOptions {
  adminProfile: string;
  json?: boolean;
  yesProduction?: boolean;
}

/** `mpd clients …`: Maskinporten clients through Digdir's self-service API, with an admin profile. */
export function registerClientsCommands(program: Command, ctx: CliContext): void {
  const clients = program
    .command('clients')
    .description("Maskinporten clients via Digdir's self-service API (needs an admin profile), or the manual guide");

  const adminProfileId = async (ref: string) => {
    await unlockVaultIfNeeded(ctx);
    return (await ctx.services.profiles.find(ref)).id;
  };

  clients
    .command('list')
    .description("List the organisation's clients")
    .requiredOption('--admin-profile <profile>', 'the admin profile (id or name)')
    .option('--json', 'print JSON')
    .action(async (options: AdminOptions) => {
      const list = await ctx.services.selfService.listClients(await adminProfileId(options.adminProfile));
      if (options.json) return ctx.json(list);
      if (list.length === 0) return ctx.print('No clients. Create one with: mpd clients create --help');
      for (const c of list) ctx.print(`${c.clientId}  ${c.integrationType}  ${c.clientName}  [${c.scopes.join(' ')}]`);
    });

  clients
    .command('show')
    .description('Show one client: scopes and keys with their expiry')
    .requiredOption('--admin-profile <profile>', 'the admin profile (id or name)')
    .requiredOption('--client <id>', 'the client id')
    .option('--json', 'print JSON')
    .action(async (options: AdminOptions & { client: string }) => {
      const details = await ctx.services.selfService.getClient(
        await adminProfileId(options.adminProfile),
        options.client,
      );
      if (options.json) return ctx.json(details);
      printClient(ctx, details);
    });

  clients
    .command('create')
    .description('Create a Maskinporten client; optionally publish a stored key on it and add the matching profile')
    .requiredOption('--admin-profile <profile>', 'the admin profile (id or name)')
    .requiredOption('--name <name>', 'the client name')
    .requiredOption('--description <text>', 'what the client is for')
    .requiredOption('--scope <scope>', 'a scope of the client (repeatable)', repeat)
    .option('--key <key>', 'a stored key (id, kid or name) to publish on the new client')
    .option('--profile-name <name>', 'also add a client profile with this name (needs --key)')
    .option('--org <code>', 'for the new profile: the service-owner org code, e.g. ttd')
    .option('--app <org/app>', 'for the new profile: an app of the org (repeatable)', repeat)
    .option('--yes-production', 'confirm a change in a production environment')
    .option('--json', 'print JSON')
    .action(
      async (
        options: AdminOptions & {
          name: string;
          description: string;
          scope: string[];
          key?: string;
          profileName?: string;
          org?: string;
          app?: string[];
        },
      ) => {
        if (options.profileName && !options.key) throw new UsageError('--profile-name needs --key');
        if ((options.org || options.app) && !options.profileName) {
          throw new UsageError('--org and --app describe the new profile: add --profile-name');
        }
        const admin = await adminProfileId(options.adminProfile);
        const key = options.key ? await findKey(ctx, options.key) : undefined;
        const result = await ctx.services.selfService.createClient({
          adminProfileId: admin,
          clientName: options.name,
          description: options.description,
          scopes: options.scope,
          keyId: key?.id,
          createProfile: options.profileName
            ? { name: options.profileName, org: options.org, apps: options.app }
            : undefined,
          confirmProduction: options.yesProduction === true,
        });
        if (options.json) return ctx.json(result);
        ctx.print(result.client.clientId);
        ctx.io.stderr(`Created client "${result.client.clientName}" (${result.client.clientId})\n`);
        // Only the client id on stdout, so `$(mpd clients create …)` works; the rest goes to stderr.
        if (result.published) printPublished(ctx, result.published, (line) => ctx.io.stderr(`${line}\n`));
        if (result.profile) ctx.io.stderr(`Added profile "${result.profile.name}" (${result.profile.id})\n`);
        else if (result.profileInput) {
          ctx.io.stderr(
            `Add the matching profile with: mpd profiles add --name "${result.profileInput.name}" --env ${result.profileInput.environmentId} --client-id ${result.client.clientId} --key ${result.profileInput.keyId} ${result.profileInput.scopes.map((s) => `--scope ${s}`).join(' ')}\n`,
          );
        }
      },
    );

  clients
    .command('update')
    .description('Change the name, description or scopes of a client (the integration type cannot change)')
    .requiredOption('--admin-profile <profile>', 'the admin profile (id or name)')
    .requiredOption('--client <id>', 'the client id')
    .option('--name <name>', 'a new client name')
    .option('--description <text>', 'a new description')
    .option('--scope <scope>', 'the scopes (repeatable; replaces the list)', repeat)
    .option('--yes-production', 'confirm a change in a production environment')
    .option('--json', 'print JSON')
    .action(
      async (options: AdminOptions & { client: string; name?: string; description?: string; scope?: string[] }) => {
        if (options.name === undefined && options.description === undefined && options.scope === undefined) {
          throw new UsageError('Nothing to change: give --name, --description or --scope');
        }
        const details = await ctx.services.selfService.updateClient({
          adminProfileId: await adminProfileId(options.adminProfile),
          clientId: options.client,
          clientName: options.name,
          description: options.description,
          scopes: options.scope,
          confirmProduction: options.yesProduction === true,
        });
        if (options.json) return ctx.json(details);
        printClient(ctx, details);
      },
    );

  const keys = clients.command('keys').description("Publish or remove keys on a client's key set (at most 5)");

  keys
    .command('publish')
    .description("Publish a stored key's public JWK on a client, keeping its other keys (re-publishing renews a key)")
    .requiredOption('--admin-profile <profile>', 'the admin profile (id or name)')
    .requiredOption('--client <id>', 'the client id')
    .requiredOption('--key <key>', 'the stored key (id, kid or name)')
    .option('--yes-production', 'confirm a change in a production environment')
    .option('--json', 'print JSON')
    .action(async (options: AdminOptions & { client: string; key: string }) => {
      const admin = await adminProfileId(options.adminProfile);
      const key = await findKey(ctx, options.key);
      const result = await ctx.services.selfService.publishKey({
        adminProfileId: admin,
        clientId: options.client,
        keyId: key.id,
        confirmProduction: options.yesProduction === true,
      });
      if (options.json) return ctx.json(result);
      printPublished(ctx, result);
    });

  keys
    .command('remove')
    .description("Remove one key from a client's key set, keeping the others")
    .requiredOption('--admin-profile <profile>', 'the admin profile (id or name)')
    .requiredOption('--client <id>', 'the client id')
    .requiredOption('--key <key>', 'the kid on the client, or a stored key (id or name)')
    .option('--allow-empty', "allow removing the client's last key (it then cannot get tokens)")
    .option('--force', 'remove even if a local profile of this client still signs with the key')
    .option('--yes-production', 'confirm a change in a production environment')
    .option('--json', 'print JSON')
    .action(async (options: AdminOptions & { client: string; key: string; allowEmpty?: boolean; force?: boolean }) => {
      const admin = await adminProfileId(options.adminProfile);
      const local = await findKeyOrUndefined(ctx, options.key);
      const result = await ctx.services.selfService.removeKey({
        adminProfileId: admin,
        clientId: options.client,
        kid: local?.kid ?? options.key,
        allowEmpty: options.allowEmpty === true,
        force: options.force === true,
        confirmProduction: options.yesProduction === true,
      });
      if (options.json) return ctx.json(result);
      printRemoved(ctx, result);
    });

  clients
    .command('guide')
    .description('The manual path: what to do in Samarbeidsportalen, with the public JWK to paste')
    .requiredOption('--env <id>', 'the environment (tt02, prod or a custom one)')
    .option('--key <key>', 'the stored key (id, kid or name) to register')
    .option('--json', 'print JSON')
    .action(async (options: { env: string; key?: string; json?: boolean }) => {
      const key = options.key ? await findKey(ctx, options.key) : undefined;
      const guide = await ctx.services.selfService.manualGuide(options.env, key?.id);
      if (options.json) return ctx.json(guide);
      ctx.print(`Manual registration in ${guide.environmentName}: ${guide.portalUrl}`);
      guide.steps.forEach((step, i) => {
        ctx.print(
          `  ${i + 1}. ${en(`guide.${step}`, { portalEnvironment: guide.portalEnvironment, minutes: guide.propagationMinutes })}`,
        );
      });
      if (guide.jwkText) ctx.print(`\nPublic JWK to paste:\n${guide.jwkText}`);
    });
}

/** A stored key by id, kid or (unique) name. */
async function findKey(ctx: CliContext, ref: string): Promise<KeySummary> {
  const key = await findKeyOrUndefined(ctx, ref);
  if (!key) throw new AppError('KEY_NOT_FOUND', `No stored key has the id, kid or name "${ref}"`, { details: { ref } });
  return key;
}

async function findKeyOrUndefined(ctx: CliContext, ref: string): Promise<KeySummary | undefined> {
  const list = await ctx.services.keys.list();
  const exact = list.find((k) => k.id === ref) ?? list.find((k) => k.kid === ref);
  if (exact) return exact;
  const byName = list.filter((k) => k.name.toLocaleLowerCase('nb') === ref.toLocaleLowerCase('nb'));
  if (byName.length > 1) throw new UsageError(`Several keys are named "${ref}"; use the key id or kid`);
  return byName[0];
}

function printClient(ctx: CliContext, c: ClientDetails): void {
  ctx.print(`${c.clientName} (${c.clientId})`);
  ctx.print(`  type:        ${c.integrationType}`);
  if (c.description) ctx.print(`  description: ${c.description}`);
  ctx.print(`  scopes:      ${c.scopes.join(' ') || '(none)'}`);
  ctx.print(`  keys:        ${c.keys.length} of ${c.maxKeys}`);
  for (const k of c.keys) ctx.print(`    ${describeKey(k)}`);
  if (c.profileIds.length > 0) ctx.print(`  profiles:    ${c.profileIds.join(', ')}`);
}

function describeKey(k: ClientKeyInfo): string {
  const expiry = k.expiresAt ? `expires ${k.expiresAt.slice(0, 10)} (${k.expiry})` : 'expiry unknown';
  const local = k.localKeyName ? `, stored here as "${k.localKeyName}"` : '';
  return `${k.kid}  ${expiry}${k.hasCertificate ? ', with certificate' : ''}${local}`;
}

function printPublished(ctx: CliContext, r: PublishKeyResult, write = (line: string) => ctx.print(line)): void {
  write(
    `${r.action === 'renewed' ? 'Renewed' : 'Published'} key ${r.kid} on client ${r.clientId} (${r.keys.length} of ${r.maxKeys} keys); it expires ${r.expiresAt}`,
  );
  if (r.action === 'renewed') write(en('result.renewed'));
  if (r.otherKids.length > 0) write(en('result.rotation', { kids: r.otherKids.join(', ') }));
  write(en('result.propagation', { minutes: r.propagationMinutes }));
  if (r.warning) ctx.io.stderr(`Warning: ${r.warning}\n`);
}

function printRemoved(ctx: CliContext, r: RemoveKeyResult): void {
  ctx.print(`Removed key ${r.kid} from client ${r.clientId}; ${r.keys.length} key(s) remain`);
  for (const k of r.keys) ctx.print(`    ${describeKey(k)}`);
}
