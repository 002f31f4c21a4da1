import type { Command } from 'commander';
import { environmentWarningText } from '../../common/i18n/environment-warnings';
import type { CliContext } from '../context';

export function registerEnvCommands(program: Command, ctx: CliContext): void {
  const env = program.command('env').description('Environments (TT02, Production and custom ones)');
  env
    .command('list')
    .description('List the environments and their endpoints')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await ctx.services.environments.list();
      if (options.json) return ctx.json(list);
      for (const e of list) {
        ctx.print(`${e.id.padEnd(8)} ${e.name}${e.production ? '  [PRODUCTION]' : ''}${e.custom ? '  (custom)' : ''}`);
        ctx.print(`         Maskinporten issuer  ${e.maskinporten.issuer}`);
        ctx.print(`         token endpoint       ${e.maskinporten.tokenEndpoint}`);
        ctx.print(`         Altinn exchange      ${e.altinn.exchangeUrl}`);
        ctx.print(`         Storage              ${e.altinn.storageBase}`);
        ctx.print(`         app API              ${e.altinn.appBase}`);
        for (const warning of e.warnings ?? []) ctx.print(`         WARNING: ${environmentWarningText('en', warning)}`);
      }
    });
}
