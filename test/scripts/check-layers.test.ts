import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(__dirname, '..', '..', 'scripts', 'check-layers.mjs');
const trees: string[] = [];

/** A throwaway repository root with these files under src/, checked by the real script. */
function check(files: Record<string, string>): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'mpd-layers-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'src', path)), { recursive: true });
    writeFileSync(join(root, 'src', path), text);
  }
  const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

const legal = {
  'common/contract.ts': "import { z } from 'zod';\nexport const input = z.string();\n",
  'common/limits.ts': "import type { z } from 'zod';\nexport const MAX = 5;\nexport type S = z.ZodString;\n",
  'common/schema-user.ts': "import { input } from './contract';\nexport const wrapped = [input];\n",
  'node/service.ts': "import { readFile } from 'node:fs/promises';\nimport { input } from '../common/contract';\n",
  'electron-main/main.ts': "import { app } from 'electron';\nimport '../node/service';\n",
  'electron-preload/preload.ts':
    "import { contextBridge } from 'electron';\nimport { input } from '../common/contract';\n",
  'cli/mpd.ts': "import '../node/service';\nimport { input } from '../common/contract';\n",
  'browser/view.tsx':
    "import type { Service } from '../node/service';\nexport { type Other } from '../node/service';\nimport type { input } from '../common/contract';\nimport { MAX } from '../common/limits';\n",
};

describe('scripts/check-layers.mjs (README "Architecture")', () => {
  afterEach(() => {
    for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('accepts a tree that keeps the rule, type-only imports from node in the browser included', () => {
    const result = check(legal);
    expect(result.output).toContain('keep the layer rule');
    expect(result.status).toBe(0);
  });

  it.each([
    ['common imports node', 'common/bad.ts', "import { x } from '../node/service';", 'import from node'],
    ['common re-exports node', 'common/bad.ts', "export * from '../node/service';", 'import from node'],
    [
      'common uses a Node builtin',
      'common/bad.ts',
      "import { join } from 'node:path';",
      '"node:path" is not allowed in common',
    ],
    [
      'common loads node lazily',
      'common/bad.ts',
      "export const later = () => import('../node/service');",
      'import from node',
    ],
    ['node imports electron-main', 'node/bad.ts', "import '../electron-main/main';", 'import from electron-main'],
    ['node imports Electron', 'node/bad.ts', "import { app } from 'electron';", '"electron" is not allowed in node'],
    ['node requires the browser', 'node/bad.ts', "const v = require('../browser/view');", 'import from browser'],
    ['the CLI imports electron-main', 'cli/bad.ts', "import '../electron-main/main';", 'import from electron-main'],
    ['the preload imports node', 'electron-preload/bad.ts', "import '../node/service';", 'import from node'],
    [
      'the browser imports a value from node',
      'browser/bad.ts',
      "import { run } from '../node/service';",
      'import from node',
    ],
    [
      'the browser re-exports a value from node',
      'browser/bad.ts',
      "export { run } from '../node/service';",
      'import from node',
    ],
    [
      'the browser imports the CLI, even as a type',
      'browser/bad.ts',
      "import type { X } from '../cli/mpd';",
      'type import from cli',
    ],
    ['the browser uses fs', 'browser/bad.ts', "import { readFileSync } from 'fs';", '"fs" is not allowed in browser'],
    [
      'the browser loads zod through common',
      'browser/bad.ts',
      "import { input } from '../common/contract';",
      'loads zod into the renderer',
    ],
    [
      'the browser loads zod two modules away',
      'browser/bad.ts',
      "import { wrapped } from '../common/schema-user';",
      'loads zod into the renderer',
    ],
    ['a file outside the layers', 'misc/loose.ts', 'export const x = 1;', 'not in a layer folder'],
  ])('fails when %s', (_name, path, text, expected) => {
    const result = check({ ...legal, [path]: `${text}\n` });
    expect(result.status).toBe(1);
    expect(result.output).toContain(path);
    expect(result.output).toContain(expected);
  });
});
