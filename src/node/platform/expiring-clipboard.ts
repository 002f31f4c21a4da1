import type { Desktop } from './desktop';
import type { Logger } from './log';

/** Runs `work` after `ms`; the default is an unref'd timer, so a pending clear never keeps a process alive. */
export type Schedule = (work: () => void, ms: number) => void;

const MAX_TIMER_MS = 2 ** 31 - 1;

const defaultSchedule: Schedule = (work, ms) => {
  setTimeout(work, Math.min(Math.max(0, ms), MAX_TIMER_MS)).unref?.();
};

/**
 * A secret (a token) copied to the clipboard for as long as it is good: at `expiresAt` the clipboard is
 * cleared if it still holds that very text, so an expired token does not linger where any program, a
 * clipboard history or a paste by mistake can reach it, and whatever the person copied since is left alone
 * (issue 17, finding 10). `clearAll` does the same at once (the app quitting).
 */
export function createExpiringClipboard(deps: {
  desktop: Pick<Desktop, 'writeClipboard' | 'readClipboard'>;
  now: () => Date;
  schedule?: Schedule;
  logger?: Logger;
}) {
  const schedule = deps.schedule ?? defaultSchedule;
  const copied = new Set<string>();

  async function clearIfStill(text: string): Promise<boolean> {
    copied.delete(text);
    try {
      if ((await deps.desktop.readClipboard()) !== text) return false;
      await deps.desktop.writeClipboard('');
      deps.logger?.info('expired token cleared from the clipboard');
      return true;
    } catch (error) {
      deps.logger?.warn('could not clear the clipboard', { error: (error as Error).message });
      return false;
    }
  }

  return {
    async copyUntil(text: string, expiresAt: Date): Promise<void> {
      await deps.desktop.writeClipboard(text);
      copied.add(text);
      schedule(() => void clearIfStill(text), expiresAt.getTime() - deps.now().getTime());
    },
    /** Clear now whatever copied secret the clipboard still holds. */
    async clearAll(): Promise<void> {
      for (const text of [...copied]) await clearIfStill(text);
    },
  };
}

export type ExpiringClipboard = ReturnType<typeof createExpiringClipboard>;
