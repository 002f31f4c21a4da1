import type { EnvironmentSummary } from '../../../common/contract/app';
import type { T } from '../../hooks/use-t';

/** An environment as the person reads it: a custom one by its own name, the presets in their language. */
export function environmentLabel(env: EnvironmentSummary, t: T): string {
  if (env.custom) return env.name;
  return env.production ? t('environment.production') : t('environment.tt02');
}
