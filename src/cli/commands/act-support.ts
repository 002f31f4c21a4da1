import type { Command } from 'commander';
import type { ActInstanceView, ValidationIssueView } from '../../common/contract/instance-acts';
import { LOCAL_CHECK_CODES } from '../../common/errors/act-errors';
import { AppError } from '../../common/errors/app-error';
import { englishHint } from '../../common/i18n/hints';
import { instanceIdSchema } from '../../common/schemas/instance-types';
import { appIdSchema } from '../../common/schemas/profile';
import { splitAssignment } from '../../node/acts/local-checks';
import { type CliContext, UsageError } from '../context';

/** What every command that acts on an instance is given (`--profile`, `--app`, and the instance when there is one). */
export interface ActTarget {
  profileId: string;
  appId: string;
  confirmProduction?: boolean;
}

/**
 * The options of a command that acts on one app: `--profile`, `--app` and `--confirm-production`. Under
 * `mpd instances`, whose listing has its own `--profile` and `--app`, the parent reads them first; so they are
 * read from the command and its parents together (optsWithGlobals).
 */
export function actOptions(command: Command): Command {
  return command
    .option('--profile <profile>', 'client profile id or name (with altinn:serviceowner/instances.write)')
    .option('--app <org/app>', 'the app, e.g. ttd/my-app')
    .option('--confirm-production', 'in production: yes, really change it');
}

export async function actTarget(ctx: CliContext, command: Command): Promise<ActTarget> {
  const o = command.optsWithGlobals<{ profile?: string; app?: string; confirmProduction?: boolean }>();
  if (!o.profile) throw new UsageError("required option '--profile <profile>' not specified");
  if (!o.app) throw new UsageError("required option '--app <org/app>' not specified");
  if (!appIdSchema.safeParse(o.app).success)
    throw new UsageError(`--app must be org/app, e.g. ttd/my-app (got "${o.app}")`);
  const profile = await ctx.services.profiles.find(o.profile);
  return { profileId: profile.id, appId: o.app, ...(o.confirmProduction ? { confirmProduction: true } : {}) };
}

export function instanceIdOf(value: string | undefined): string {
  if (!value) throw new UsageError("required option '--instance <id>' not specified");
  if (!instanceIdSchema.safeParse(value).success) {
    throw new UsageError(`--instance must be Storage's instance id, partyId/guid (got "${value.slice(0, 80)}")`);
  }
  return value;
}

/** `KEY=VALUE` flags as a map; a flag without "=" or with an empty key is a usage error. */
export function assignments(values: string[] | undefined, flag: string): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const value of values) {
    const pair = splitAssignment(value);
    if (!pair || pair[0].trim() === '') throw new UsageError(`${flag} takes KEY=VALUE (got "${value.slice(0, 80)}")`);
    out[pair[0]] = pair[1];
  }
  return out;
}

export const collect = (value: string, previous?: string[]) => [...(previous ?? []), value];

/**
 * Run one act: a value that fails the local checks (checksum, content type, size …) exits 2 with the message
 * and hint; Altinn's refusals go on to the CLI's error report (exit 1), with the issues Altinn listed printed
 * first.
 */
export async function runAct(ctx: CliContext, act: () => Promise<void>): Promise<void> {
  try {
    await act();
  } catch (error) {
    if (error instanceof AppError) {
      const issues = error.details?.issues as ValidationIssueView[] | undefined;
      if (issues?.length) {
        ctx.io.stderr('Altinn listed:\n');
        for (const issue of issues) ctx.io.stderr(`  - ${issueLine(issue)}\n`);
      }
      if (LOCAL_CHECK_CODES.has(error.code) && error.details?.outcome === 'not-sent') {
        ctx.io.stderr(`Error [${error.code}]: ${error.message}\n`);
        const hint = englishHint(error.code);
        if (hint) ctx.io.stderr(`Hint: ${hint}\n`);
        ctx.exitCode = 2;
        return;
      }
    }
    throw error;
  }
}

export function issueLine(issue: ValidationIssueView): string {
  const what = [issue.code, issue.field ? `(${issue.field})` : ''].filter(Boolean).join(' ');
  return issue.description && issue.description !== issue.code ? `${what}: ${issue.description}` : what;
}

/** One line about an instance: id, task or end, status, substatus. */
export function instanceLine(view: ActInstanceView): string {
  const where = view.isComplete
    ? `ended ${view.process.ended?.slice(0, 19) ?? ''}`
    : `at ${view.currentTask ?? '-'}${view.taskType ? ` (${view.taskType})` : ''}`;
  const status = [
    view.isArchived ? 'archived' : '',
    view.isSoftDeleted ? 'soft-deleted' : '',
    view.isHardDeleted ? 'hard-deleted' : '',
  ].filter(Boolean);
  const sub = view.substatus ? `, substatus "${view.substatus.label}"` : '';
  return `${view.id} ${where}${status.length ? `, ${status.join(', ')}` : ''}${sub}`;
}
