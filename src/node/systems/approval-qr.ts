import { encode } from 'uqr';
import type { ApprovalQr } from '../../common/contract/systems';

/**
 * The approval link as a QR code, for a customer who approves on a phone. Made in main with `uqr` (pure JS,
 * no dependencies, no eval), so the renderer only draws an SVG path and no encoder reaches its bundle.
 * Error correction M (15 %) keeps a ~150-character link small enough to scan from a laptop screen.
 */
export function approvalQr(url: string): ApprovalQr {
  const { data, size } = encode(url, { ecc: 'M', border: 2 });
  return { url, size, path: modulePath(data) };
}

/** One `M x y h1 v1 h-1 z` square per dark module, runs on a row merged into one rectangle. */
export function modulePath(data: boolean[][]): string {
  const parts: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}

/** The code for a terminal: two rows per line with half blocks, dark modules drawn light-on-dark-safe. */
export function terminalQr(url: string): string {
  const { data } = encode(url, { ecc: 'M', border: 2 });
  const lines: string[] = [];
  for (let y = 0; y < data.length; y += 2) {
    let line = '';
    const top = data[y] ?? [];
    const bottom = data[y + 1] ?? [];
    for (let x = 0; x < top.length; x++) {
      const t = top[x] ?? false;
      const b = bottom[x] ?? false;
      // Light modules are printed as blocks so the code reads on a dark terminal background.
      line += !t && !b ? '█' : !t ? '▀' : !b ? '▄' : ' ';
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
