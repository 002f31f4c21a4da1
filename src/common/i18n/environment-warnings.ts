import type { EnvironmentWarning, Language } from '../contract/app';
import { translate } from './translate';

/** A custom environment's warning (src/node/environments/environment-warnings.ts) as the window and `mpd env list` say it. */
export function environmentWarningText(lang: Language, warning: EnvironmentWarning): string {
  if (warning.code === 'production-host') {
    return translate(lang, 'environment.warnProductionHost', { host: warning.host });
  }
  // The preset as the switcher names it in this language.
  const preset = warning.presetId === 'prod' ? translate(lang, 'environment.production') : warning.presetName;
  return warning.tokenHost
    ? translate(lang, 'environment.warnPresetIssuerOtherHost', { preset, host: warning.tokenHost })
    : translate(lang, 'environment.warnPresetIssuer', { preset });
}
