import type { EnvironmentSummary, EnvironmentWarning } from '../../common/contract/app';

/**
 * What a custom environment (environments.json) is warned about (issue 17, finding 7). The file is the
 * person's, and anyone who can write to their home folder can edit it; these are the two shapes in which
 * it can send what the app signs to the real services without the window saying so:
 *
 * - `preset-issuer`: it names the issuer of TT02 or Production. A grant is signed for its issuer (the `aud`),
 *   so whatever the environment's token endpoint is receives a grant the real Maskinporten accepts for two
 *   minutes; worst when that endpoint is on another host (`tokenHost`). Altinn's own test environments
 *   (AT22, YT01) do use TT02's Maskinporten, so this is a warning, not a refusal.
 * - `production-host`: it is marked `production: false` but talks to a host of the Production preset: no red
 *   band, no production confirmations, real organisations' data.
 */
export function environmentWarnings(
  env: EnvironmentSummary,
  presets: readonly EnvironmentSummary[],
): EnvironmentWarning[] {
  if (!env.custom) return [];
  const warnings: EnvironmentWarning[] = [];
  const issuer = origin(env.maskinporten.issuer);
  const preset = presets.find((p) => origin(p.maskinporten.issuer) === issuer);
  if (preset && issuer) {
    const tokenOrigin = origin(env.maskinporten.tokenEndpoint);
    warnings.push({
      code: 'preset-issuer',
      presetId: preset.id,
      presetName: preset.name,
      ...(tokenOrigin !== issuer ? { tokenHost: hostOf(env.maskinporten.tokenEndpoint) ?? '?' } : {}),
    });
  }
  if (!env.production) {
    const productionHosts = presets.filter((p) => p.production).flatMap((p) => urlsOf(p).map(hostPattern));
    const hit = urlsOf(env)
      .map(hostOf)
      .find((host) => host !== undefined && productionHosts.some((pattern) => matches(host, pattern)));
    if (hit) warnings.push({ code: 'production-host', host: hit.replace(`${ORG}.`, '{org}.') });
  }
  return warnings;
}

/** Every address an environment names; the app base with its {org} and {app} filled in. */
function urlsOf(env: EnvironmentSummary): string[] {
  return [
    env.maskinporten.issuer,
    env.maskinporten.tokenEndpoint,
    env.maskinporten.wellKnown,
    env.altinn.exchangeUrl,
    env.altinn.storageBase,
    env.altinn.appBase.replaceAll('{org}', ORG).replaceAll('{app}', 'app'),
    env.altinn.authenticationApi,
    env.selfService?.clientsUrl,
  ].filter((u): u is string => typeof u === 'string');
}

/** A host, or `*.suffix` where the preset's host begins with the {org} placeholder (the app hosts). */
const ORG = 'org-placeholder';
function hostPattern(url: string): string {
  const host = hostOf(url) ?? '';
  return host.startsWith(`${ORG}.`) ? `*${host.slice(ORG.length)}` : host;
}

function matches(host: string, pattern: string): boolean {
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function origin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
