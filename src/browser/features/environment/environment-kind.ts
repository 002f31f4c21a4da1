import type { EnvironmentSummary } from '../../../common/contract/app';

export type EnvironmentKind = 'production' | 'test' | 'custom';

/** Production wins over custom: a custom environment that says it is production gets the red band. */
export function environmentKind(env: EnvironmentSummary | undefined): EnvironmentKind {
  if (env?.production) return 'production';
  if (env?.custom) return 'custom';
  return 'test';
}
