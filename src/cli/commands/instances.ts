import { resolve } from 'node:path';
import type { Command } from 'commander';
import { languageSchema } from '../../common/contract/app';
import type { InstanceSummary } from '../../common/contract/instances';
import { formatBytes } from '../../common/format/bytes';
import { csvSeparatorSchema } from '../../common/schemas/csv-separator';
import type { InstanceFilters } from '../../common/schemas/instance-query';
import { writeCsvFile } from '../../node/export/instances-export';
import { type CliContext, UsageError } from '../context';
import { type FilterOptions, filterOptions, filtersFrom } from './instance-filter-options';

interface ListOptions extends FilterOptions {
  profile: string;
  limit?: string;
  json?: boolean;
  csv?: boolean;
  separator?: string;
  language?: string;
  out?: string;
}

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
    .option('--csv', 'print CSV (RFC 4180, UTF-8 with BOM): the columns of the GUI table plus ids and confirmations')
    .option('--separator <sep>', "with --csv: ';' (default, as Norwegian Excel expects) or ','")
    .option(
      '--language <nb|en>',
      'with --csv: the language of the header and the yes/no cells (default: the app setting)',
    )
    .option('--out <file>', 'with --csv: write the file here (atomically) instead of printing it')
    .action(async (o: ListOptions) => {
      const filters = filtersFrom(o);
      const limit = o.limit === undefined ? Number.POSITIVE_INFINITY : Number(o.limit);
      if (!(limit > 0)) throw new UsageError('--limit must be a positive number');
      if (o.csv) return printCsv(ctx, o, filters, limit);
      if (o.separator || o.out || o.language) throw new UsageError('--separator, --language and --out go with --csv');
      const profile = await ctx.services.profiles.find(o.profile);
      // Kept only for --json (a table is printed as it comes): a listing of many thousands stays small.
      const all: InstanceSummary[] = [];
      let count = 0;
      if (!o.json)
        ctx.print(row(['instance', 'created', 'last changed', 'task', 'done', 'files', 'size', 'confirmed by']));
      // With --limit, "the first N" means Storage's order (newest change first): follow `next` page by page.
      const ordered = Number.isFinite(limit);
      for await (const page of ctx.services.instances.all(profile.id, filters, undefined, { ordered })) {
        for (const i of page) {
          if (count >= limit) break;
          count++;
          if (o.json) all.push(i);
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
        if (count >= limit) break;
      }
      if (o.json) ctx.json(all);
      else ctx.print(`${count} instance(s)`);
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

async function printCsv(ctx: CliContext, o: ListOptions, filters: InstanceFilters, limit: number): Promise<void> {
  if (o.json) throw new UsageError('Use --csv or --json, not both');
  const separator = o.separator === undefined ? undefined : csvSeparatorSchema.safeParse(o.separator);
  if (separator && !separator.success) throw new UsageError("--separator must be ';' or ','");
  const language = o.language === undefined ? undefined : languageSchema.safeParse(o.language);
  if (language && !language.success) throw new UsageError('--language must be nb or en');
  const profile = await ctx.services.profiles.find(o.profile);
  const { text, rows } = await ctx.services.instancesExport.csv({
    profileId: profile.id,
    filters,
    separator: separator?.data,
    language: language?.data ?? (await ctx.services.uiSettings.get()).language,
    limit,
  });
  if (!o.out) {
    ctx.io.stdout(text);
    return;
  }
  const path = resolve(o.out);
  await writeCsvFile(path, text);
  ctx.io.stderr(`${rows} instance(s) written to ${path}\n`);
}
