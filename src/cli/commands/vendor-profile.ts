import { VENDOR_SCOPE_LIST } from '../../common/contract/systems-limits';
import { type CliContext, UsageError } from '../context';
import { unlockVaultIfNeeded } from './keys';

export interface VendorOptions {
  vendorProfile?: string;
  json?: boolean;
  yesProduction?: boolean;
}

export const VENDOR_PROFILE_OPTION = [
  '--vendor-profile <profile>',
  'the vendor profile (id or name); default: the only profile with the system-user API scopes',
] as const;

/**
 * The vendor profile by id or name, or, when none is named, the only profile that has one of the
 * system-user API's scopes and is not itself a system-user profile.
 */
export async function vendorProfileId(ctx: CliContext, ref: string | undefined): Promise<string> {
  await unlockVaultIfNeeded(ctx);
  if (ref) return (await ctx.services.profiles.find(ref)).id;
  const candidates = (await ctx.services.profiles.list()).filter(
    (p) => !p.systemUser && p.scopes.some((s) => VENDOR_SCOPE_LIST.includes(s)),
  );
  if (candidates.length === 1 && candidates[0]) return candidates[0].id;
  if (candidates.length === 0) {
    throw new UsageError(
      `No profile has the system-user API scopes (${VENDOR_SCOPE_LIST.join(', ')}); add one with mpd profiles add`,
    );
  }
  throw new UsageError(
    `Several vendor profiles (${candidates.map((p) => `"${p.name}" in ${p.environmentId}`).join(', ')}): choose one with --vendor-profile`,
  );
}

export const repeat = (value: string, previous?: string[]) => [...(previous ?? []), value];
