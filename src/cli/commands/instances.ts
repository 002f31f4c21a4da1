import type { Command } from 'commander';
import type { InstanceSummary } from '../../common/contract/instances';
import { formatBytes } from '../../common/format/bytes';
import { type CliContext, UsageError } from '../context';
import { type FilterOptions, filterOptions, filtersFrom } from './instance-filter-options';

/** `mpd instances`: an app's instances, every page, as a table or JSON. */
export function registerInstancesCommands(program: Command, ctx: CliContext): void {
  filterOptions(
    program
      .command('instances')
      .description("List an app's instances (Altinn Storage), following every page")
      .requiredOption('--profile <profile>', 'client profile id or name'),
  )
    .option('--limit <n>', 'stop after this many instances')
    .option('--json', 'print JSON (an array of instance summaries)')
    .action(async (o: FilterOptions & { profile: string; limit?: string; json?: boolean }) => {
      const filters = filtersFrom(o);
      const limit = o.limit === undefined ? Number.POSITIVE_INFINITY : Number(o.limit);
      if (!(limit > 0)) throw new UsageError('--limit must be a positive number');
      const profile = await ctx.services.profiles.find(o.profile);
      const all: InstanceSummary[] = [];
      if (!o.json)
        ctx.print(row(['instance', 'created', 'last changed', 'task', 'done', 'files', 'size', 'confirmed by']));
      for await (const page of ctx.services.instances.all(profile.id, filters)) {
        for (const i of page) {
          if (all.length >= limit) break;
          all.push(i);
          if (!o.json) {
            ctx.print(
              row([
                i.id,
                day(i.created),
                day(i.lastChanged),
                i.currentTask ?? '-',
                i.isComplete ? 'yes' : 'no',
                String(i.dataCount),
                bytes(i.totalSize),
                i.confirmations.map((c) => c.stakeholderId).join(',') || '-',
              ]),
            );
          }
        }
        if (all.length >= limit) break;
      }
      if (o.json) ctx.json(all);
      else ctx.print(`${all.length} instance(s)`);
    });
}

function row(cells: string[]): string {
  const widths = [46, 10, 12, 10, 4, 5, 9, 0];
  return cells.map((c, i) => (widths[i] ? c.padEnd(widths[i] as number) : c)).join(' ');
}

function day(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '-';
}

/** The GUI's byte formatter, in English: the same figures in both front ends. */
function bytes(n: number): string {
  return formatBytes(n, 'en');
}
