import type { Command } from 'commander';
import type { RegisteredSystem, SystemFields } from '../../common/contract/systems';
import { type CliContext, UsageError } from '../context';
import { repeat, VENDOR_PROFILE_OPTION, type VendorOptions, vendorProfileId } from './vendor-profile';

interface SystemOptions extends VendorOptions {
  name?: string;
  nameNn?: string;
  nameEn?: string;
  description?: string;
  descriptionNn?: string;
  descriptionEn?: string;
  resource?: string[];
  accessPackage?: string[];
  clientId?: string[];
  redirectUrl?: string[];
  hidden?: boolean;
  visible?: boolean;
}

/** `mpd systems …`: the vendor's systems in Altinn's system register (docs/system-vendors.md §1). */
export function registerSystemsCommands(program: Command, ctx: CliContext): void {
  const systems = program
    .command('systems')
    .description("Your systems in Altinn's system register (needs a vendor profile with systemregister.write)");

  systems
    .command('list')
    .description("List your organisation's systems")
    .option(...VENDOR_PROFILE_OPTION)
    .option('--json', 'print JSON')
    .action(async (options: VendorOptions) => {
      const listing = await ctx.services.systems.listSystems(await vendorProfileId(ctx, options.vendorProfile));
      if (options.json) return ctx.json(listing);
      if (listing.systems.length === 0) {
        return ctx.print(
          `No systems for ${listing.vendorOrgNo} in ${listing.environmentId}. Create one with: mpd systems create --help`,
        );
      }
      // Altinn's list has no client ids (RegisteredSystemDTO); `mpd systems show ID` reads them.
      for (const s of listing.systems) {
        const access = [...s.resourceIds, ...s.accessPackages].join(' ') || 'none';
        ctx.print(`${s.id}  ${s.name.nb}  [rights: ${access}]${s.isVisible ? '' : '  (hidden)'}`);
      }
    });

  systems
    .command('show')
    .description('Show one system: names, rights, access packages, client ids and redirect URLs')
    .argument('<system>', 'the system id, <vendor org number>_<name>')
    .option(...VENDOR_PROFILE_OPTION)
    .option('--json', 'print JSON')
    .action(async (systemId: string, options: VendorOptions) => {
      const system = await ctx.services.systems.getSystem(await vendorProfileId(ctx, options.vendorProfile), systemId);
      if (options.json) return ctx.json(system);
      printSystem(ctx, system);
    });

  withSystemOptions(
    systems
      .command('create')
      .description('Register a system (the id is <your org number>_<name>)')
      .argument('<system>', 'the new system id, e.g. 991825827_smartcloud'),
  ).action(async (systemId: string, options: SystemOptions) => {
    if (!options.name || !options.description) throw new UsageError('create needs --name and --description');
    const fields = changesOf(options);
    const system = await ctx.services.systems.createSystem({
      vendorProfileId: await vendorProfileId(ctx, options.vendorProfile),
      system: {
        id: systemId,
        name: fields.name ?? { nb: options.name },
        description: fields.description ?? { nb: options.description },
        resourceIds: fields.resourceIds ?? [],
        accessPackages: fields.accessPackages ?? [],
        clientIds: fields.clientIds ?? [],
        allowedRedirectUrls: fields.allowedRedirectUrls ?? [],
        isVisible: fields.isVisible ?? true,
      },
      confirmProduction: options.yesProduction === true,
    });
    if (options.json) return ctx.json(system);
    ctx.print(system.id);
    ctx.io.stderr(`Registered system "${system.name.nb}" (${system.id})\n`);
    if (system.clientIds.length === 0) {
      ctx.io.stderr('Note: no client id yet; add one (--client-id) before asking for system-user tokens (MP-303).\n');
    }
  });

  withSystemOptions(
    systems
      .command('update')
      .description('Change a system; list options replace the whole list (Altinn replaces the system on PUT)')
      .argument('<system>', 'the system id'),
  ).action(async (systemId: string, options: SystemOptions) => {
    const changes = changesOf(options);
    if (Object.keys(changes).length === 0) throw new UsageError('Nothing to change: give at least one option');
    const system = await ctx.services.systems.updateSystem({
      vendorProfileId: await vendorProfileId(ctx, options.vendorProfile),
      systemId,
      changes,
      confirmProduction: options.yesProduction === true,
    });
    if (options.json) return ctx.json(system);
    printSystem(ctx, system);
  });
}

function withSystemOptions(command: Command): Command {
  return command
    .option(...VENDOR_PROFILE_OPTION)
    .option('--name <text>', 'the name in bokmål (also used for nynorsk and English unless given)')
    .option('--name-nn <text>', 'the name in nynorsk')
    .option('--name-en <text>', 'the name in English')
    .option('--description <text>', 'what the system does, in bokmål')
    .option('--description-nn <text>', 'the description in nynorsk')
    .option('--description-en <text>', 'the description in English')
    .option(
      '--resource <id>',
      'a resource id the system needs rights to, e.g. ske-krav-og-betalinger (repeatable)',
      repeat,
    )
    .option('--access-package <urn>', 'an access package, urn:altinn:accesspackage:<name> (repeatable)', repeat)
    .option('--client-id <id>', 'a Maskinporten client id that may get system-user tokens (repeatable)', repeat)
    .option('--redirect-url <url>', 'an https URL a request may send the customer back to (repeatable)', repeat)
    .option('--hidden', 'not shown in the Altinn portal (system users only through your requests)')
    .option('--visible', 'shown in the Altinn portal')
    .option('--yes-production', 'confirm a change in a production environment')
    .option('--json', 'print JSON');
}

function changesOf(o: SystemOptions): Partial<SystemFields> {
  if (o.hidden && o.visible) throw new UsageError('--hidden and --visible contradict each other');
  const text = (nb?: string, nn?: string, en?: string) =>
    nb === undefined ? undefined : { nb, ...(nn ? { nn } : {}), ...(en ? { en } : {}) };
  if (o.name === undefined && (o.nameNn || o.nameEn)) throw new UsageError('--name-nn and --name-en need --name');
  if (o.description === undefined && (o.descriptionNn || o.descriptionEn)) {
    throw new UsageError('--description-nn and --description-en need --description');
  }
  const changes: Partial<SystemFields> = {
    name: text(o.name, o.nameNn, o.nameEn),
    description: text(o.description, o.descriptionNn, o.descriptionEn),
    resourceIds: o.resource,
    accessPackages: o.accessPackage,
    clientIds: o.clientId,
    allowedRedirectUrls: o.redirectUrl,
    isVisible: o.hidden ? false : o.visible ? true : undefined,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<SystemFields>;
}

function printSystem(ctx: CliContext, s: RegisteredSystem): void {
  ctx.print(`${s.name.nb} (${s.id})`);
  ctx.print(`  vendor:          ${s.vendorOrgNo}`);
  ctx.print(`  name nn / en:    ${s.name.nn} / ${s.name.en}`);
  ctx.print(`  description:     ${s.description.nb}`);
  ctx.print(`  resources:       ${s.resourceIds.join(' ') || '(none)'}`);
  const other = s.rights.length - s.resourceIds.length;
  if (other > 0) ctx.print(`  other rights:    ${other} (not editable here; kept on update)`);
  ctx.print(`  access packages: ${s.accessPackages.join(' ') || '(none)'}`);
  ctx.print(`  client ids:      ${s.clientIds.join(' ') || '(none: system-user tokens fail with MP-303)'}`);
  ctx.print(`  redirect URLs:   ${s.allowedRedirectUrls.join(' ') || '(none)'}`);
  ctx.print(`  visible:         ${s.isVisible ? 'yes, in the Altinn portal' : 'no, only through your requests'}`);
  if (s.profileIds.length > 0) ctx.print(`  local profiles:  ${s.profileIds.join(', ')}`);
}
