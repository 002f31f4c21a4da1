import { createInterface } from 'node:readline';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (progress lines are drawn only there). */
  isTTY: boolean;
  /** Ask on the terminal; secrets are read with echo off. Absent when there is no terminal. */
  prompt?(question: string, options?: { secret?: boolean }): Promise<string>;
}

export function processIo(): CliIo {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    prompt: interactive ? promptTerminal : undefined,
  };
}

function promptTerminal(question: string, options: { secret?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (options.secret) {
      // Mute the echo of typed characters; readline writes through _writeToOutput.
      const internal = rl as unknown as { _writeToOutput: (s: string) => void };
      internal._writeToOutput = (s: string) => {
        if (s.startsWith(question)) process.stderr.write(question);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      if (options.secret) process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export function bufferIo(env: NodeJS.ProcessEnv = {}, answers: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo & { out(): string; err(): string } = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env,
    isTTY: false,
    prompt: answers.length ? async () => answers.shift() ?? '' : undefined,
    out: () => out.join(''),
    err: () => err.join(''),
  };
  return io;
}
