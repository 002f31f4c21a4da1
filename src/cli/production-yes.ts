import type { CliContext } from './context';

/** Production asks once more: the flag, or a typed "yes" on a terminal. */
export async function productionYes(ctx: CliContext, environmentId: string, confirming: boolean, flag?: boolean) {
  if (!confirming || flag) return flag;
  const env = await ctx.services.environments.get(environmentId);
  if (!env.production || !ctx.io.prompt) return undefined;
  const answer = await ctx.io.prompt(
    `Confirm in PRODUCTION (${env.name})? Confirmed instances may be deleted in Altinn. Type yes: `,
  );
  const yes = answer.trim().toLowerCase() === 'yes';
  // The typed yes also answers main's own confirmation (context.ts).
  if (yes) ctx.productionYes = true;
  return yes;
}
