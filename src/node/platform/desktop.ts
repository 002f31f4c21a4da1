/**
 * What only a desktop shell can do (native dialogs, clipboard, the OS browser, notifications).
 * Electron provides the real one in src/electron-main/; the CLI and the tests provide their own, so every
 * service stays plain Node.
 */
export interface Desktop {
  openExternal(url: string): Promise<void>;
  writeClipboard(text: string): Promise<void>;
  chooseOpenFile(options: {
    title: string;
    filters?: { name: string; extensions: string[] }[];
  }): Promise<string | null>;
  chooseSaveFile(options: {
    title: string;
    defaultName: string;
    filters?: { name: string; extensions: string[] }[];
  }): Promise<string | null>;
  chooseFolder(options: { title: string }): Promise<string | null>;
  notify(title: string, body: string): void;
  openPath(path: string): Promise<void>;
}

/** A desktop that answers from a script: used by the CLI (no dialogs) and the tests. */
export function scriptedDesktop(
  answers: Partial<{ openFile: string | null; saveFile: string | null; folder: string | null }> = {},
) {
  const calls: { kind: string; value: string }[] = [];
  let clipboard = '';
  const desktop: Desktop & { calls: typeof calls; clipboard(): string; answers: typeof answers } = {
    calls,
    answers,
    clipboard: () => clipboard,
    async openExternal(url) {
      calls.push({ kind: 'openExternal', value: url });
    },
    async writeClipboard(text) {
      clipboard = text;
      calls.push({ kind: 'clipboard', value: '[text]' });
    },
    async chooseOpenFile() {
      return answers.openFile ?? null;
    },
    async chooseSaveFile() {
      return answers.saveFile ?? null;
    },
    async chooseFolder() {
      return answers.folder ?? null;
    },
    notify(title, body) {
      calls.push({ kind: 'notify', value: `${title}: ${body}` });
    },
    async openPath(path) {
      calls.push({ kind: 'openPath', value: path });
    },
  };
  return desktop;
}
