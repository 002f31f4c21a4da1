import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** A real `mpd` process from source, for what runs until a signal stops it. */
export interface MpdProcess {
  child: ChildProcess;
  /** What it printed so far. */
  out(): string;
  err(): string;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Resolves once stdout matches `pattern`; rejects if the process ends first. */
  printed(pattern: RegExp): Promise<void>;
}

/** `mpd --home <home> …args` as a child process (tsx over src/cli/mpd.ts), with `env` over this one's. */
export function spawnMpd(home: string, args: string[], env: NodeJS.ProcessEnv = {}): MpdProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'src/cli/mpd.ts'), '--home', home, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    printed: (pattern) =>
      new Promise<void>((r, reject) => {
        const check = () => {
          if (pattern.test(out)) r();
        };
        check();
        child.stdout?.on('data', check);
        child.on('exit', () => reject(new Error(`mpd ${args[0] ?? ''} ended early: ${out}${err}`)));
      }),
  };
}
