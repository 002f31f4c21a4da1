import type { Language } from '../../common/contract/app';
import { AppError } from '../../common/errors/app-error';
import { WindowTrustErrors } from '../../common/errors/window-trust-errors';
import { type MessageKey, type MessageParams, translate } from '../../common/i18n/translate';
import type { Desktop, MainConfirmRequest } from './desktop';
import type { Logger } from './log';

type ConfirmKey<P extends string> = Extract<MessageKey, `confirm.${P}${string}`>;

/** One line of the change: which fact (its label in the catalogue) and its value; a list is joined, or "none". */
export type ConfirmFact = [label: ConfirmKey<'fact'>, value: string | number | readonly string[]];

/**
 * A change main asks the person about in its own dialog (Desktop.confirmInMain): every write in production,
 * and every change of keys or client ids on a client or a system (issue 17, finding 4). The texts come from
 * the catalogue (src/common/i18n/messages/confirm.ts) in the person's language; the environment is always
 * the first fact, and production always says so.
 */
export interface ChangeToConfirm {
  /** Absent for what belongs to no environment (a dropped key file). */
  environment?: { name: string; production: boolean };
  /** The question; `{env}` is filled with the environment's name (and PRODUKSJON in production). */
  question: ConfirmKey<'question'>;
  params?: MessageParams;
  /** The yes button. */
  confirmLabel: ConfirmKey<'yes'>;
  facts: ConfirmFact[];
  notes?: ConfirmKey<'note'>[];
}

/** The request for Desktop.confirmInMain, in `lang`. */
export function confirmRequest(lang: Language, change: ChangeToConfirm): MainConfirmRequest {
  const environment = change.environment ?? { name: '', production: false };
  const env = environment.production
    ? translate(lang, 'confirm.envProduction', { name: environment.name })
    : environment.name;
  const fact = ([label, value]: ConfirmFact) =>
    translate(lang, label, {
      value: Array.isArray(value)
        ? value.length > 0
          ? value.join(', ')
          : translate(lang, 'confirm.none')
        : String(value),
    });
  return {
    message: translate(lang, change.question, { ...change.params, env }),
    detail: [
      ...(change.environment ? [fact(['confirm.factEnvironment', env])] : []),
      ...change.facts.map(fact),
      ...(change.notes ?? []).map((note) => translate(lang, note)),
      ...(environment.production ? [translate(lang, 'confirm.noteProduction')] : []),
    ],
    confirmLabel: translate(lang, change.confirmLabel),
    cancelLabel: translate(lang, 'confirm.cancel'),
    production: environment.production,
  };
}

export interface ConfirmInMainDeps {
  desktop: Pick<Desktop, 'confirmInMain'>;
  /** The person's UI language (settings). */
  language: () => Promise<Language>;
  logger?: Logger;
}

/**
 * Ask in main's own dialog; resolve on yes, throw CHANGE_NOT_CONFIRMED on anything else. Call it after
 * every check that can fail without the person (input, scopes, the current state read from the server),
 * right before the write, so the dialog shows what will really be sent and a no sends nothing.
 */
export async function confirmInMainOrRefuse(deps: ConfirmInMainDeps, change: ChangeToConfirm): Promise<void> {
  const lang = await deps.language().catch(() => 'nb' as const);
  const request = confirmRequest(lang, change);
  const yes = await deps.desktop.confirmInMain(request).catch(() => false);
  deps.logger?.info(yes ? 'change confirmed in main' : 'change not confirmed in main', {
    question: request.message,
    production: request.production,
  });
  if (!yes) {
    throw new AppError(
      WindowTrustErrors.CHANGE_NOT_CONFIRMED,
      `Not confirmed: ${translate('en', change.question, { ...change.params, env: change.environment?.name ?? '' })}`,
      // Asked right before the write: a no leaves nothing sent (the acts' callers read `outcome`).
      { details: { outcome: 'not-sent' } },
    );
  }
}
