import type { Language } from '../contract/app';
import { messages } from './messages';

type Areas = typeof messages;
type AreaName = keyof Areas;

/** `area.key` for every message of every area; a typo fails the type check. */
export type MessageKey = {
  [A in AreaName]: `${A}.${Extract<keyof Areas[A]['nb'], string>}`;
}[AreaName];

export type MessageParams = Record<string, string | number>;

export const languages: readonly Language[] = ['nb', 'en'];
export const defaultLanguage: Language = 'nb';

/**
 * The message for `key` in `lang` with `{name}` placeholders filled from `params`.
 * A missing key (only possible from untyped callers) returns the key itself, so a gap is visible, not blank.
 */
export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const dot = key.indexOf('.');
  const area = messages[key.slice(0, dot) as AreaName] as { [L in Language]: Record<string, string> } | undefined;
  const text = area?.[lang]?.[key.slice(dot + 1)] ?? area?.[defaultLanguage]?.[key.slice(dot + 1)];
  if (text === undefined) return key;
  return params ? interpolate(text, params) : text;
}

export function interpolate(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
