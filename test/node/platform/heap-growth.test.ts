import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const module = join(__dirname, '..', '..', '..', 'src', 'node', 'platform', 'heap-growth.ts');

/** The largest new space (MiB) a process reaches while it allocates objects of which a tenth survive. */
function newSpaceMiB(limit: boolean): number {
  const script = `
    const v8 = require('node:v8');
    ${limit ? `require(${JSON.stringify(module)}).limitHeapGrowth();` : ''}
    const keep = [];
    let most = 0;
    for (let i = 0; i < 2e6; i++) {
      const o = { a: i, b: 'x' + i, c: [i, i + 1] };
      if (i % 10 === 0) keep.push(o);
      if (i % 20000 === 0) most = Math.max(most, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
    }
    process.stdout.write(String(most / 1048576));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout);
}

describe('heap growth during a download (issue 21)', () => {
  it('keeps the young generation at the size it has, where V8 alone doubles it again and again', () => {
    const limited = newSpaceMiB(true);
    const free = newSpaceMiB(false);
    // Measured here: 13–24 MiB with the limit (V8 still resizes a little by the survival rate), 64–128 without
    // (Node 20's V8: 32); how far V8 alone gets depends on the machine's load while it samples. The bound is
    // the one that matters; the run without the limit shows the bound is one V8 alone does not keep.
    expect(limited).toBeLessThanOrEqual(32);
    expect(free).toBeGreaterThan(32);
    expect(free).toBeGreaterThanOrEqual(limited * 2);
  });
});
