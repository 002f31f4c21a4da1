import type { Command } from 'commander';
import type { DoctorReport, TokenKind } from '../../common/contract/token-status';
import { doctorLabels } from '../../common/i18n/errors/auth';
import { localizedError } from '../../common/i18n/hints';
import type { CliContext } from '../context';
import { unlockVaultIfNeeded } from './keys';

export function registerTokenCommands(program: Command, ctx: CliContext): void {
  program
    .command('token')
    .description('Get a Maskinporten token (or, with --altinn, the exchanged Altinn token) for a client profile')
    .requiredOption('--profile <profile>', 'client profile id or name')
    .option('--altinn', 'exchange the Maskinporten token for an Altinn token and print that')
    .option('--decode', 'print the decoded claims and expiry instead of the token')
    .option('--json', 'print JSON: claims, expiry and the token (unless --decode)')
    .action(async (options: { profile: string; altinn?: boolean; decode?: boolean; json?: boolean }) => {
      await unlockVaultIfNeeded(ctx);
      const profile = await ctx.services.profiles.find(options.profile);
      const which: TokenKind = options.altinn ? 'altinn' : 'maskinporten';
      const summary = await ctx.services.tokens.getToken(profile.id, { altinn: Boolean(options.altinn) });
      const part = which === 'altinn' ? summary.altinn : summary.maskinporten;
      for (const warning of summary.altinn?.warnings ?? [])
        ctx.io.stderr(`Warning [${warning.code}]: ${warning.message}\n`);
      if (options.decode) {
        const decoded = { profile: profile.name, which, expiresAt: part?.expiresAt, claims: part?.claims };
        return options.json ? ctx.json(decoded) : ctx.print(JSON.stringify(decoded, null, 2));
      }
      const token = await ctx.services.tokens.getRawToken(profile.id, which);
      if (options.json)
        return ctx.json({ profile: profile.name, which, expiresAt: part?.expiresAt, claims: part?.claims, token });
      // Only the token on stdout, so `$(mpd token --profile P)` works in scripts.
      ctx.print(token);
    });

  program
    .command('doctor')
    .description('Check a client profile end to end: Maskinporten, clock, key, token, scopes, exchange, org claim')
    .requiredOption('--profile <profile>', 'client profile id or name')
    .option('--json', 'print JSON')
    .action(async (options: { profile: string; json?: boolean }) => {
      await unlockVaultIfNeeded(ctx);
      const profile = await ctx.services.profiles.find(options.profile);
      const report = await ctx.services.tokens.doctor(profile.id);
      if (options.json) ctx.json(report);
      else printDoctor(ctx, profile.name, report);
      if (report.overall === 'fail') ctx.exitCode = 1;
    });
}

const MARK = { pass: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: '--  ' } as const;

function printDoctor(ctx: CliContext, name: string, report: DoctorReport): void {
  ctx.print(`Doctor for profile "${name}" in ${report.environmentId} (${report.checkedAt})`);
  for (const row of report.rows) {
    const label = doctorLabels[row.label]?.en ?? row.id;
    ctx.print(`  [${MARK[row.status]}] ${label}: ${row.detail}`);
    if (row.hintCode && (row.status === 'warn' || row.status === 'fail')) {
      const text = localizedError(row.hintCode, 'en');
      if (text?.hint) ctx.print(`         → ${text.title}. ${text.hint}`);
    }
  }
  ctx.print(`Overall: ${report.overall.toUpperCase()}`);
}
