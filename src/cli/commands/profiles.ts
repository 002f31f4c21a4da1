import type { Command } from 'commander';
import type { Profile, ProfileInput, ProfilePatch } from '../../common/schemas/profile';
import { type CliContext, UsageError } from '../context';

interface ProfileFieldOptions {
  name?: string;
  env?: string;
  clientId?: string;
  key?: string;
  scope?: string[];
  org?: string;
  app?: string[];
  resource?: string[];
  consumerOrg?: string;
  systemuserOrg?: string;
  externalRef?: string;
  testOrg?: boolean;
  admin?: boolean;
  json?: boolean;
}

interface EditOptions extends ProfileFieldOptions {
  clear?: string[];
}

const repeat = (value: string, previous?: string[]) => [...(previous ?? []), value];

/** What `--clear` can remove, and the patch field it empties. */
const CLEARABLE: Record<string, 'consumerOrg' | 'systemUser' | 'resource' | 'org' | 'apps'> = {
  'consumer-org': 'consumerOrg',
  systemuser: 'systemUser',
  resource: 'resource',
  org: 'org',
  apps: 'apps',
};

function profileFieldOptions(command: Command, edit: boolean): Command {
  return command
    .option('--org <code>', 'service-owner org code (urn:altinn:org), e.g. ttd')
    .option(
      '--app <org/app>',
      `an app of the org${edit ? ' (repeatable; replaces the list)' : ' (repeatable)'}`,
      repeat,
    )
    .option(
      '--resource <uri>',
      `audience restriction, RFC 8707 (repeatable${edit ? '; replaces the list' : ''})`,
      repeat,
    )
    .option('--consumer-org <orgno>', 'consumer_org: act for this organisation (needs a delegation in Altinn)')
    .option('--systemuser-org <orgno>', 'system user: the organisation that owns the system user')
    .option('--external-ref <ref>', 'system user: the externalRef its request was created with')
    .option('--test-org', 'TT02 only: act as Altinn test service owner ttd (?test=true on the exchange)')
    .option('--admin', 'an admin profile for the Digdir self-service API')
    .option('--json', 'print the profile as JSON');
}

export function registerProfilesCommands(program: Command, ctx: CliContext): void {
  const profiles = program
    .command('profiles')
    .description('Client profiles: client id, key and scopes per environment');

  profiles
    .command('list')
    .description('List the client profiles')
    .option('--env <id>', 'only the profiles of this environment')
    .option('--json', 'print JSON')
    .action(async (options: { env?: string; json?: boolean }) => {
      if (options.env) await ctx.services.environments.get(options.env);
      const list = await ctx.services.profiles.list(options.env);
      if (options.json) return ctx.json(list);
      if (list.length === 0) return ctx.print('No profiles. Add one with: mpd profiles add --help');
      for (const p of list) printProfile(ctx, p);
    });

  profiles
    .command('show <profile>')
    .description('Show one profile (by id or name)')
    .option('--json', 'print JSON')
    .action(async (ref: string, options: { json?: boolean }) => {
      const profile = await ctx.services.profiles.find(ref);
      if (options.json) return ctx.json(profile);
      printProfile(ctx, profile);
    });

  profileFieldOptions(
    profiles
      .command('add')
      .description('Add a profile; prints its id')
      .requiredOption('--name <name>', 'a name, unique within the environment')
      .requiredOption('--env <id>', 'environment id (tt02, prod or a custom one)')
      .requiredOption('--client-id <id>', 'the Maskinporten client id (the grant’s iss)')
      .requiredOption('--key <keyId>', 'the id of a key in the key store')
      .requiredOption('--scope <scope>', 'a scope, e.g. altinn:serviceowner/instances.read (repeatable)', repeat),
    false,
  ).action(async (options: ProfileFieldOptions) => {
    if (options.externalRef && !options.systemuserOrg) {
      throw new UsageError('--external-ref needs --systemuser-org');
    }
    const input: ProfileInput = {
      name: options.name ?? '',
      environmentId: options.env ?? '',
      clientId: options.clientId ?? '',
      keyId: options.key ?? '',
      scopes: options.scope ?? [],
      ...(options.resource ? { resource: options.resource } : {}),
      ...(options.consumerOrg ? { consumerOrg: options.consumerOrg } : {}),
      ...(options.systemuserOrg ? { systemUser: systemUser(options.systemuserOrg, options.externalRef) } : {}),
      ...(options.org ? { org: options.org } : {}),
      apps: options.app ?? [],
      testOrg: Boolean(options.testOrg),
      admin: Boolean(options.admin),
    };
    const profile = await ctx.services.profiles.add(input);
    if (options.json) return ctx.json(profile);
    ctx.print(profile.id);
  });

  profileFieldOptions(
    profiles
      .command('edit <profile>')
      .description('Change a profile (by id or name); options not given stay as they are')
      .option('--name <name>', 'a new name')
      .option('--env <id>', 'move the profile to another environment')
      .option('--client-id <id>', 'the Maskinporten client id')
      .option('--key <keyId>', 'the id of a key in the key store')
      .option('--scope <scope>', 'a scope (repeatable; replaces the list)', repeat),
    true,
  )
    // Declared after --test-org and --admin, so that neither defaults to true (commander: --no-x alone does).
    .option('--no-test-org', 'turn the test org switch off')
    .option('--no-admin', 'no longer an admin profile')
    .option('--clear <field>', `remove a field (repeatable): ${Object.keys(CLEARABLE).join(', ')}`, repeat)
    .action(async (ref: string, options: EditOptions) => {
      const patch = await editPatch(ctx, ref, options);
      if (Object.keys(patch).length === 0) throw new UsageError('Nothing to change: give at least one option');
      const target = await ctx.services.profiles.find(ref);
      const profile = await ctx.services.profiles.update(target.id, patch);
      if (options.json) return ctx.json(profile);
      ctx.print(`Updated profile ${profile.name} (${profile.id})`);
    });

  profiles
    .command('remove <profile>')
    .description('Remove a profile (by id or name); the key is kept')
    .option('--yes', 'confirm the removal')
    .option('--json', 'print JSON')
    .action(async (ref: string, options: { yes?: boolean; json?: boolean }) => {
      if (!options.yes) throw new UsageError('Removing a profile needs --yes');
      const target = await ctx.services.profiles.find(ref);
      const removed = await ctx.services.profiles.remove(target.id);
      if (options.json) return ctx.json({ removed: removed.id });
      ctx.print(`Removed profile ${removed.name} (${removed.id})`);
    });
}

async function editPatch(ctx: CliContext, ref: string, options: EditOptions): Promise<ProfilePatch> {
  const patch: ProfilePatch = {};
  if (options.name !== undefined) patch.name = options.name;
  if (options.env !== undefined) patch.environmentId = options.env;
  if (options.clientId !== undefined) patch.clientId = options.clientId;
  if (options.key !== undefined) patch.keyId = options.key;
  if (options.scope !== undefined) patch.scopes = options.scope;
  if (options.resource !== undefined) patch.resource = options.resource;
  if (options.consumerOrg !== undefined) patch.consumerOrg = options.consumerOrg;
  if (options.org !== undefined) patch.org = options.org;
  if (options.app !== undefined) patch.apps = options.app;
  if (options.testOrg !== undefined) patch.testOrg = options.testOrg;
  if (options.admin !== undefined) patch.admin = options.admin;
  if (options.systemuserOrg !== undefined) {
    patch.systemUser = systemUser(options.systemuserOrg, options.externalRef);
  } else if (options.externalRef !== undefined) {
    // Keep the system user's org and change only its externalRef.
    const current = await ctx.services.profiles.find(ref);
    if (!current.systemUser)
      throw new UsageError('--external-ref needs --systemuser-org (the profile has no system user)');
    patch.systemUser = systemUser(current.systemUser.org, options.externalRef);
  }
  for (const name of options.clear ?? []) {
    const field = CLEARABLE[name];
    if (!field) throw new UsageError(`--clear takes one of: ${Object.keys(CLEARABLE).join(', ')} (got "${name}")`);
    if (field in patch) throw new UsageError(`--clear ${name} contradicts the option that sets it`);
    if (field === 'apps') patch.apps = [];
    else patch[field] = null;
  }
  return patch;
}

function systemUser(org: string, externalRef: string | undefined): { org: string; externalRef?: string } {
  return externalRef ? { org, externalRef } : { org };
}

function printProfile(ctx: CliContext, p: Profile): void {
  const flags = [p.testOrg ? 'test org (ttd)' : '', p.admin ? 'admin' : ''].filter(Boolean).join(', ');
  ctx.print(`${p.name}  [${p.environmentId}]${flags ? `  (${flags})` : ''}`);
  ctx.print(`    id             ${p.id}`);
  ctx.print(`    client id      ${p.clientId}`);
  ctx.print(`    key            ${p.keyId}`);
  ctx.print(`    scopes         ${p.scopes.join(' ')}`);
  if (p.resource?.length) ctx.print(`    resource       ${p.resource.join(' ')}`);
  if (p.consumerOrg) ctx.print(`    consumer_org   ${p.consumerOrg}`);
  if (p.systemUser) {
    ctx.print(
      `    system user    ${p.systemUser.org}${p.systemUser.externalRef ? ` (externalRef ${p.systemUser.externalRef})` : ''}`,
    );
  }
  if (p.org) ctx.print(`    org            ${p.org}`);
  if (p.apps.length) ctx.print(`    apps           ${p.apps.join(' ')}`);
}
