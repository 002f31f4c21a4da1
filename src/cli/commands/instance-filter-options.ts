import type { Command } from 'commander';
import { type InstanceFilters, instanceFiltersSchema } from '../../common/schemas/instance-query';
import { UsageError } from '../context';

/** The filter flags `mpd instances` and `mpd download` share, and how they become Storage filters. */
export interface FilterOptions {
  app: string;
  complete?: boolean;
  task?: string;
  notConfirmed?: boolean;
  excludeConfirmedBy?: string;
  createdAfter?: string;
  createdBefore?: string;
  changedAfter?: string;
  changedBefore?: string;
  archived?: boolean;
  softDeleted?: boolean;
  hardDeleted?: boolean;
  ownerOrg?: string;
  ownerPerson?: string;
  pageSize?: string;
}

export const repeat = (value: string, previous?: string[]) => [...(previous ?? []), value];

export function filterOptions(command: Command): Command {
  return command
    .requiredOption('--app <org/app>', 'the app, e.g. ttd/my-app')
    .option('--complete', 'only instances whose process has ended')
    .option('--no-complete', 'only instances still in process')
    .option('--task <taskId>', 'only instances at this process task, e.g. Task_1')
    .option('--not-confirmed', "leave out instances confirmed by us (the profile's --org, else the owner of --app)")
    .option('--exclude-confirmed-by <org>', 'leave out instances this org has confirmed')
    .option('--created-after <date>', 'created after this date (YYYY-MM-DD or ISO 8601)')
    .option('--created-before <date>', 'created before this date')
    .option('--changed-after <date>', 'last changed after this date')
    .option('--changed-before <date>', 'last changed before this date')
    .option('--archived', 'only archived instances')
    .option('--no-archived', 'only instances not archived')
    .option('--soft-deleted', 'only soft-deleted instances')
    .option('--no-soft-deleted', 'only instances not soft-deleted')
    .option('--hard-deleted', 'only hard-deleted instances')
    .option('--no-hard-deleted', 'only instances not hard-deleted')
    .option('--owner-org <orgno>', 'only instances owned by this organisation number')
    .option('--owner-person <nationalId>', 'only instances owned by this person (11 digits)')
    .option('--page-size <n>', 'instances per page, 1–5000 (default: 100 for the first page, 400 after it)');
}

/** Command-line flags → the filters Storage understands; mistakes are usage errors (exit 2). */
export function filtersFrom(o: FilterOptions): InstanceFilters {
  if (o.ownerOrg && o.ownerPerson) throw new UsageError('Use --owner-org or --owner-person, not both');
  const range = (gt?: string, lt?: string) => (gt || lt ? { ...(gt ? { gt } : {}), ...(lt ? { lt } : {}) } : undefined);
  const raw = {
    appId: o.app,
    isComplete: o.complete,
    currentTask: o.task,
    excludeConfirmedBy: o.excludeConfirmedBy,
    notConfirmedByUs: o.notConfirmed && !o.excludeConfirmedBy ? true : undefined,
    created: range(o.createdAfter, o.createdBefore),
    lastChanged: range(o.changedAfter, o.changedBefore),
    isArchived: o.archived,
    isSoftDeleted: o.softDeleted,
    isHardDeleted: o.hardDeleted,
    instanceOwner: o.ownerOrg
      ? { kind: 'organisation' as const, orgNumber: o.ownerOrg }
      : o.ownerPerson
        ? { kind: 'person' as const, nationalId: o.ownerPerson }
        : undefined,
    size: o.pageSize === undefined ? undefined : Number(o.pageSize),
  };
  const parsed = instanceFiltersSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`Invalid filter ${issue?.path.join('.') || ''}: ${issue?.message}`);
  }
  return parsed.data;
}
