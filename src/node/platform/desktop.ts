/**
 * What only a desktop shell can do (native dialogs, clipboard, the OS browser, notifications).
 * Electron provides the real one in src/electron-main/; the CLI and the tests provide their own, so every
 * service stays plain Node.
 */
export interface Desktop {
  openExternal(url: string): Promise<void>;
  writeClipboard(text: string): Promise<void>;
  /** The clipboard's text now: to clear a copied token only if it is still there (expiring-clipboard.ts). */
  readClipboard(): Promise<string>;
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
  /** Show a file in the system's file manager, selected, without opening it (Electron shell.showItemInFolder). */
  showItemInFolder(path: string): Promise<void>;
  /**
   * Ask the person, in a dialog that main shows itself, to confirm a change the window asked for: every write
   * in Production, and every change of keys or client ids on a client or a system. The window's own confirm
   * stays as the first step; this one cannot be answered by a compromised window (issue 17, finding 4).
   * Resolves true only on an explicit yes.
   */
  confirmInMain(request: MainConfirmRequest): Promise<boolean>;
}

/** The text of a confirmation main shows; the service that asks builds it in the person's language. */
export interface MainConfirmRequest {
  /** The question, e.g. "Publish key mp-2026 on client abc in PRODUCTION?" */
  message: string;
  /** The concrete change, one fact per line: environment, client id, kid and thumbprint, system id … */
  detail: string[];
  /** The yes button, e.g. "Publiser nøkkelen". The no button is always the default. */
  confirmLabel: string;
  cancelLabel: string;
  production: boolean;
}

/** What a scripted desktop answers; the object stays live, so a test can change an answer later. */
export type ScriptedAnswers = Partial<{
  openFile: string | null;
  saveFile: string | null;
  folder: string | null;
  /** The answer to confirmInMain: a fixed one, or one per request. No answer is a no. */
  confirm: boolean | ((request: MainConfirmRequest) => boolean);
}>;

/** A desktop that answers from a script: used by the CLI (no dialogs) and the tests. */
export function scriptedDesktop(answers: ScriptedAnswers = {}) {
  const confirmations: MainConfirmRequest[] = [];
  const calls: { kind: string; value: string }[] = [];
  let clipboard = '';
  const desktop: Desktop & {
    calls: typeof calls;
    clipboard(): string;
    answers: ScriptedAnswers;
    confirmations: MainConfirmRequest[];
  } = {
    calls,
    answers,
    confirmations,
    clipboard: () => clipboard,
    async openExternal(url) {
      calls.push({ kind: 'openExternal', value: url });
    },
    async writeClipboard(text) {
      clipboard = text;
      calls.push({ kind: 'clipboard', value: '[text]' });
    },
    async readClipboard() {
      return clipboard;
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
    async showItemInFolder(path) {
      calls.push({ kind: 'showItemInFolder', value: path });
    },
    async confirmInMain(request) {
      confirmations.push(request);
      calls.push({ kind: 'confirmInMain', value: request.message });
      const answer = answers.confirm;
      return typeof answer === 'function' ? answer(request) : answer === true;
    },
  };
  return desktop;
}
