#!/usr/bin/env node
// The layer rule of README "Architecture" (VS Code's common / node / electron-main / browser folders):
//   common            imports nothing of ours but common, and of packages only zod
//   node              imports common and node
//   electron-main     imports common, node and electron-main
//   electron-preload  imports common and electron-preload
//   cli               imports common, node and cli
//   browser           imports common and browser; from node only `import type`; and no value from a common
//                     module that reaches zod, since zod probes eval and the renderer's CSP refuses it
// Every way a module can reach another counts: import, `export … from`, dynamic import(), require() and
// `import('…')` types. Biome's noRestrictedImports cannot see layers, so this reads the syntax tree.
//
// Usage: node scripts/check-layers.mjs [--root DIR]   (DIR defaults to this repository)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const LAYERS = ['common', 'node', 'electron-main', 'electron-preload', 'cli', 'browser'];

/** For each layer: the layers it may import values from, and those it may import only types from. */
const RULES = {
  common: { values: ['common'], types: [] },
  node: { values: ['common', 'node'], types: [] },
  'electron-main': { values: ['common', 'node', 'electron-main'], types: [] },
  'electron-preload': { values: ['common', 'electron-preload'], types: [] },
  cli: { values: ['common', 'node', 'cli'], types: [] },
  browser: { values: ['common', 'browser'], types: ['node'] },
};

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** What each layer may take from npm, beyond its own code. */
function packageAllowed(layer, spec) {
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (layer === 'common') return name === 'zod';
  if (layer === 'browser') return !nodeBuiltins.has(spec) && !nodeBuiltins.has(name) && name !== 'electron';
  if (layer === 'electron-preload') return name === 'electron' || name === 'zod';
  if (layer === 'node' || layer === 'cli') return name !== 'electron';
  return true;
}

function packageAdvice(layer) {
  if (layer === 'common') return 'common is shared by every layer and may use only zod';
  if (layer === 'browser') return 'the renderer knows nothing of Node or Electron: ask main through a contract channel';
  if (layer === 'electron-preload') return 'the preload may use only electron and the contract';
  return 'Electron is reached only from src/electron-main/ (services get a Desktop interface instead)';
}

function walk(dir, out = []) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every module specifier in a file, with whether it carries only types. */
export function specifiersOf(text, fileName) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (node, spec, typeOnly) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ spec, typeOnly, line: line + 1 });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
      const allNamedTypes = !!named && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      const typeOnly = !!clause && (clause.isTypeOnly || (allNamedTypes && !clause.name));
      add(node, node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause : undefined;
      const allNamedTypes = !!named && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier.text, node.isTypeOnly || allNamedTypes);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) add(node, expr.text, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) add(node, arg.literal.text, true);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) add(node, node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names, as TypeScript's bundler resolution finds it. */
function resolveFile(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return undefined;
}

/** Whether loading `file` loads zod: it imports zod, or a module of ours that does, for its values. */
function makeZodReach() {
  const memo = new Map();
  const reaches = (file) => {
    if (memo.has(file)) return memo.get(file);
    memo.set(file, false);
    let result = false;
    for (const { spec, typeOnly } of specifiersOf(readFileSync(file, 'utf8'), file)) {
      if (typeOnly) continue;
      if (spec === 'zod' || spec.startsWith('zod/')) result = true;
      else if (spec.startsWith('.')) {
        const target = resolveFile(file, spec);
        if (target && reaches(target)) result = true;
      }
      if (result) break;
    }
    memo.set(file, result);
    return result;
  };
  return reaches;
}

function layerOf(srcDir, path) {
  const rel = relative(srcDir, path);
  if (rel.startsWith('..')) return undefined;
  const first = rel.split(sep)[0];
  return LAYERS.includes(first) ? first : undefined;
}

/** The problems of the tree under `root` (its src/ folder), as lines for a person. */
export function checkLayers(root) {
  const srcDir = join(root, 'src');
  const problems = [];
  const files = walk(srcDir);
  const reachesZod = makeZodReach();
  for (const file of files) {
    const from = layerOf(srcDir, file);
    const rel = relative(root, file);
    if (!from) {
      problems.push(`${rel}: not in a layer folder (src/${LAYERS.join('|')}/)`);
      continue;
    }
    const rule = RULES[from];
    for (const { spec, typeOnly, line } of specifiersOf(readFileSync(file, 'utf8'), file)) {
      const where = `${rel}:${line}`;
      if (!spec.startsWith('.') && !spec.startsWith('/')) {
        if (!packageAllowed(from, spec))
          problems.push(`${where}: "${spec}" is not allowed in ${from}: ${packageAdvice(from)}.`);
        continue;
      }
      const target = resolve(dirname(file), spec);
      const to = layerOf(srcDir, target);
      if (!to) {
        problems.push(`${where}: "${spec}" reaches outside src/; ${from} may import only from src/.`);
        continue;
      }
      if (from === 'browser' && to === 'common' && !typeOnly) {
        const file = resolveFile(join(srcDir, '..', rel), spec);
        if (file && reachesZod(file)) {
          problems.push(
            `${where}: "${spec}" loads zod into the renderer (zod probes eval, which the CSP refuses); ` +
              'import a zod-free module of common, or only its types.',
          );
          continue;
        }
      }
      if (rule.values.includes(to)) continue;
      if (typeOnly && rule.types.includes(to)) continue;
      const allowed = [...rule.values, ...rule.types.map((t) => `${t} (import type only)`)].join(', ');
      const kind = typeOnly ? 'type import' : 'import';
      problems.push(`${where}: ${kind} from ${to} ("${spec}"); ${from} may import from ${allowed}.`);
    }
  }
  return { files: files.length, problems };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const rootArg = process.argv.indexOf('--root');
  const root =
    rootArg > 0 ? resolve(process.argv[rootArg + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { files, problems } = checkLayers(root);
  if (problems.length) {
    console.error(`layers: ${problems.length} problem(s) in ${files} files\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log(`layers: ${files} files keep the layer rule (README "Architecture")`);
}
