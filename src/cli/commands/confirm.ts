import { resolve } from 'node:path';
import type { Command } from 'commander';
import { instanceIdSchema } from '../../common/schemas/instance-types';
import { type CliContext, UsageError } from '../context';
import { productionYes } from '../production-yes';

/** `mpd confirm`: confirm instances already verified in a download folder. */
export function registerConfirmCommand(program: Command, ctx: CliContext): void {
  program
    .command('confirm')
    .description('Confirm downloaded instances (POST …/complete); each must be fully verified in the download folder')
    .requiredOption('--profile <profile>', 'client profile id or name')
    .option('--out <dir>', 'the download folder holding .mpd-manifest.json', '.')
    .option('--confirm-production', 'in production: yes, really confirm')
    .option('--json', 'print JSON')
    .argument('<instanceIds...>', 'instance ids ({partyId}/{instanceGuid})')
    .action(
      async (
        instanceIds: string[],
        o: { profile: string; out: string; confirmProduction?: boolean; json?: boolean },
      ) => {
        for (const id of instanceIds) {
          if (!instanceIdSchema.safeParse(id).success) throw new UsageError(`Not an instance id: ${id}`);
        }
        const profile = await ctx.services.profiles.find(o.profile);
        const confirmProduction = await productionYes(ctx, profile.environmentId, true, o.confirmProduction);
        const result = await ctx.services.downloads.confirmAfterwards({
          profileId: profile.id,
          instanceIds,
          target: resolve(o.out),
          confirmProduction,
        });
        if (o.json) ctx.json(result);
        else {
          for (const r of result.results) {
            ctx.print(
              r.confirmed
                ? `${r.instanceId}  ${r.alreadyConfirmed ? 'already confirmed' : 'confirmed'}`
                : `${r.instanceId}  NOT confirmed [${r.error?.code}] ${r.error?.message}`,
            );
          }
        }
        if (result.results.some((r) => !r.confirmed)) ctx.exitCode = 1;
      },
    );
}
