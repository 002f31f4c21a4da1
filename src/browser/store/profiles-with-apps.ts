import { call } from '../api';

/** The environment's client profiles that name an app: the only ones the app-based views can work with. */
export async function profilesWithApps(environmentId: string) {
  return (await call('profiles:list', { environmentId })).filter((p) => p.apps.length > 0);
}

/**
 * Once the profiles have arrived: a chosen profile that is no longer among them is let go, and with none
 * chosen a lone profile is taken, so a person with one profile never has to pick it.
 */
export function settleProfileChoice(
  profiles: readonly { id: string }[],
  current: string | undefined,
  select: (profileId: string | undefined) => void,
): void {
  if (current && !profiles.some((p) => p.id === current)) select(undefined);
  else if (!current && profiles.length === 1) select(profiles[0]?.id);
}
