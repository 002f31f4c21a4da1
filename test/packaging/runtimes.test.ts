import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The runtimes this project ships and runs on must be inside their makers' support windows (issue 17):
// Electron supports its latest three majors (45 is current, so 43–45), pdf.js fixed CVE-2026-16633 /
// GHSA-hq66-cqwq-w95j in 6.2.108, and Node 20 left support in April 2026 (the tools want ≥ 22.12).
const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version: string }>;
};

const OLDEST_SUPPORTED_ELECTRON = 43;
const PDFJS_FIXED = [6, 2, 108];

function parts(version: string): number[] {
  return version.split('.').map((n) => Number.parseInt(n, 10));
}
function atLeast(version: string, floor: number[]): boolean {
  const v = parts(version);
  for (let i = 0; i < floor.length; i++) {
    if ((v[i] ?? 0) !== floor[i]) return (v[i] ?? 0) > (floor[i] as number);
  }
  return true;
}

describe('supported runtimes', () => {
  it('pins Electron exactly, on a supported major, and the lockfile holds that version', () => {
    const pinned = pkg.devDependencies.electron as string;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(parts(pinned)[0]).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_ELECTRON);
    expect(lock.packages['node_modules/electron']?.version).toBe(pinned);
  });

  it('pins a pdf.js with the fix for GHSA-hq66-cqwq-w95j, and the lockfile holds it', () => {
    const pinned = pkg.devDependencies['pdfjs-dist'] as string;
    expect(atLeast(pinned, PDFJS_FIXED)).toBe(true);
    expect(lock.packages['node_modules/pdfjs-dist']?.version).toBe(pinned);
  });

  it('requires Node ≥ 22.12 and runs on it', () => {
    expect(pkg.engines.node).toBe('>=22.12');
    expect(atLeast(process.versions.node, [22, 12])).toBe(true);
  });

  it('installs Node 24 LTS from the npm registry in CI when the machine has an older one', () => {
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/NODE_PIN=24\.\d+\.\d+/);
    expect(ci).toContain('node-linux-$node_arch@$NODE_PIN');
  });

  it('approves no install script of Electron (≥ 42 fetches its binary on first use, not at install)', () => {
    expect(pkg.allowScripts.electron).toBeUndefined();
  });
});
