/**
 * Switches that open the app to a debugger: Chromium's remote debugging (a DevTools endpoint that can read
 * and drive the window, and through it every channel the window may call), Node's inspector in main, and
 * V8 flags. The fuses already stop Node's `--inspect` options in a packaged app (electron-builder.yml
 * `electronFuses`); Chromium's switches are not fuses, so a packaged app refuses to start with any of them
 * (issue 17, finding 9). `npm run dev` and an unpacked build keep them for development.
 */
const REFUSED_PREFIXES = ['remote-debugging', 'inspect'] as const;
const REFUSED_NAMES = ['js-flags'] as const;

/**
 * The debug switches in `args` (the command line without the program) that a packaged app refuses; empty
 * when unpackaged. Chromium reads a switch after `--` or `-` (and `/` on Windows, where names are not
 * case-sensitive), with its value after `=` or as the next argument, so every spelling counts.
 */
export function refusedDebugSwitches(
  args: readonly string[],
  isPackaged: boolean,
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (!isPackaged) return [];
  const prefixes = platform === 'win32' ? ['--', '-', '/'] : ['--', '-'];
  const refused: string[] = [];
  for (const arg of args) {
    const prefix = prefixes.find((p) => arg.startsWith(p));
    if (!prefix) continue;
    const name = arg.slice(prefix.length).split('=')[0].toLowerCase();
    if (REFUSED_PREFIXES.some((p) => name.startsWith(p)) || (REFUSED_NAMES as readonly string[]).includes(name)) {
      refused.push(arg.split('=')[0]);
    }
  }
  return refused;
}

/** What the person is told (stderr and an error box) when the app will not start, in both languages. */
export function debugSwitchRefusal(refused: readonly string[]): string {
  const list = refused.join(', ');
  return [
    `Maskinporten Desktop starter ikke med feilsøkingsbrytere (${list}): de lar et annet program lese og styre vinduet.`,
    `Maskinporten Desktop does not start with debugging switches (${list}): they let another program read and drive the window.`,
  ].join('\n');
}
