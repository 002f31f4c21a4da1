import { useCallback } from 'react';
import type { Language } from '../../common/contract/app';
import { type MessageKey, type MessageParams, translate } from '../../common/i18n/translate';
import { errorText } from '../api';
import { useAppStore } from '../store/use-app-store';

export type T = (key: MessageKey, params?: MessageParams) => string;

/** `t('shell.navKeys')` in the window's current language. */
export function useT(): T {
  const language = useAppStore((s) => s.language);
  return useCallback<T>((key, params) => translate(language, key, params), [language]);
}

export function useLanguage(): Language {
  return useAppStore((s) => s.language);
}

/** Localized title and hint for an error (ApiError or anything thrown). */
export function useErrorText() {
  const language = useAppStore((s) => s.language);
  return useCallback((error: unknown) => errorText(error, language), [language]);
}
