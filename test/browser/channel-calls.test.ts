import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The renderer's rule (README "Architecture", issue 11): components and hooks call store actions; only
 * `api.ts` and the stores in `store/` call channels. Everything else that reaches a channel is listed as
 * `path:line: what`, path relative to `root` (the renderer folder).
 */
function channelCallsOutsideStores(root: string): string[] {
  const found: string[] = [];
  const apiModule = join(root, 'api');
  for (const file of sourceFiles(root)) {
    const rel = relative(root, file).split(sep).join('/');
    if (rel === 'api.ts' || rel.startsWith('store/')) continue;
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const report = (node: ts.Node, what: string) =>
      found.push(`${rel}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
    const fromApi = (spec: ts.Expression | undefined) =>
      spec !== undefined && ts.isStringLiteral(spec) && spec.text.startsWith('.')
        ? resolve(dirname(file), spec.text).replace(/\.tsx?$/, '') === apiModule
        : false;
    const namespaces = new Set<string>();

    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && fromApi(node.moduleSpecifier)) {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) {
            if ((el.propertyName ?? el.name).text === 'call') report(el, 'imports call from api.ts');
          }
        }
      }
      if (ts.isExportDeclaration(node) && fromApi(node.moduleSpecifier)) {
        const clause = node.exportClause;
        if (
          !clause ||
          (ts.isNamedExports(clause) && clause.elements.some((e) => (e.propertyName ?? e.name).getText() === 'call'))
        ) {
          report(node, 're-exports call from api.ts');
        }
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'call') {
        report(node, 'calls call()');
      }
      if (
        ts.isPropertyAccessExpression(node) &&
        node.name.text === 'call' &&
        ts.isIdentifier(node.expression) &&
        namespaces.has(node.expression.text)
      ) {
        report(node, `uses ${node.expression.text}.call`);
      }
      if (
        ts.isPropertyAccessExpression(node) &&
        node.name.text === 'api' &&
        /^(globalThis\.)?window$/.test(node.expression.getText())
      ) {
        report(node, 'uses window.api (only api.ts may)');
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return ['.ts', '.tsx'].includes(extname(entry.name)) ? [path] : [];
  });
}

describe('channel calls stay in the stores (src/browser)', () => {
  const trees: string[] = [];
  afterEach(() => {
    for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  /** A throwaway renderer folder with these files. */
  function plant(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'mpd-calls-'));
    trees.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('finds no channel call outside api.ts and store/', () => {
    expect(channelCallsOutsideStores(join(__dirname, '..', '..', 'src', 'browser'))).toEqual([]);
  });

  it('names every file and line that calls a channel itself, however it reaches call', () => {
    const root = plant({
      'api.ts': 'export async function call(channel: string) { return window.api?.[channel]; }\n',
      'store/use-x-store.ts': "import { call } from '../api';\nexport const load = () => call('keys:list');\n",
      'features/x/Direct.tsx':
        "import { call } from '../../api';\nexport function X() {\n  void call('keys:list');\n  return null;\n}\n",
      'features/x/Alias.ts': "import { call as invoke, errorText } from '../../api';\nvoid invoke; void errorText;\n",
      'features/x/Namespace.ts': "import * as api from '../../api';\nvoid api.call('keys:list');\n",
      'components/Reexport.ts': "export { call } from '../api';\n",
      'hooks/use-bridge.ts': 'export const keys = () => window.api?.keys;\n',
      // Function.prototype.call and other modules' members are not channel calls.
      'features/x/Fine.ts':
        "import { errorText } from '../../api';\nimport * as other from './other';\nexport const f = (g: () => void) => g.call(null);\nvoid errorText; void other.call;\n",
      'features/x/other.ts': 'export const call = 1;\n',
    });
    expect(channelCallsOutsideStores(root).sort()).toEqual([
      'components/Reexport.ts:1: re-exports call from api.ts',
      'features/x/Alias.ts:1: imports call from api.ts',
      'features/x/Direct.tsx:1: imports call from api.ts',
      'features/x/Direct.tsx:3: calls call()',
      'features/x/Namespace.ts:2: uses api.call',
      'hooks/use-bridge.ts:1: uses window.api (only api.ts may)',
    ]);
  });
});
