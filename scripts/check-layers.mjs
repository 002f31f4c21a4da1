#!/usr/bin/env node
// Layer rule Biome cannot express: the renderer may only `import type` from main/ (STYLE.md, VS Code's
// layer folders). A value import would drag Node code into the sandboxed page.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|tsx)$/.test(name)) check(path);
  }
}
function check(path) {
  const rel = relative(root, path);
  if (rel.startsWith(join('renderer', 'i18n'))) return;
  const text = readFileSync(path, 'utf8');
  const importRe = /^\s*import\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]/gms;
  for (const match of text.matchAll(importRe)) {
    const [, typeOnly, spec] = match;
    if (/(^|\/)main\//.test(spec) && !typeOnly) {
      problems.push(`${rel}: value import from "${spec}"; the renderer may only use \`import type\` from main/.`);
    }
  }
}
walk(join(root, 'renderer'));
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('layers: renderer imports from main/ are type-only');
