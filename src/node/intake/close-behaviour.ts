import type { Language } from '../../common/contract/app';
import type { CloseBehaviour } from '../../common/contract/intake';
import { translate } from '../../common/i18n/translate';

/**
 * What closing the window does (issue 12, item 3), decided here so the Electron shell only carries it out
 * (src/electron-main/intake-shell.ts): with no active watch the app quits as before; otherwise the
 * remembered choice (intake:update-settings, or "remember" in the question) — keep running in the
 * background with a tray icon, or stop the watches and quit — or the question when none is remembered.
 */
export type CloseDecision = 'quit' | 'background' | 'ask';

export function closeDecision(activeWatches: number, remembered: CloseBehaviour): CloseDecision {
  if (activeWatches === 0) return 'quit';
  return remembered;
}

/** The native question's texts; buttons in the order the shell shows them: background, quit. */
export function closeQuestion(lang: Language, activeWatches: number) {
  return {
    title: translate(lang, 'intake.closePromptTitle'),
    message: translate(lang, 'intake.closePromptMessage'),
    detail: translate(lang, 'intake.closePromptDetail', { count: activeWatches }),
    buttons: [translate(lang, 'intake.closePromptBackground'), translate(lang, 'intake.closePromptQuit')],
    checkboxLabel: translate(lang, 'intake.closePromptRemember'),
  };
}

/** The answer (button index, and whether "remember" was ticked) → what to do, and what to remember. */
export function closeAnswer(
  response: number,
  remember: boolean,
): { choice: 'background' | 'quit'; remember?: CloseBehaviour } {
  // Escape or closing the question (-1 / out of range) keeps the watches running: nothing is lost that way.
  const choice = response === 1 ? 'quit' : 'background';
  return { choice, ...(remember ? { remember: choice } : {}) };
}

/** The tray icon's tooltip and menu. */
export function trayTexts(lang: Language, activeWatches: number) {
  return {
    tooltip: translate(lang, 'intake.trayTooltip', { count: activeWatches }),
    open: translate(lang, 'intake.trayOpen'),
    runAll: translate(lang, 'intake.trayRunAll'),
    quit: translate(lang, 'intake.trayQuit'),
  };
}
