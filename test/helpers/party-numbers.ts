/** Valid organisation numbers (mod 11) for tests that need many parties: the n-th from 31000000x. */
export function orgNumberFor(n: number): string {
  for (let base = 31_000_000 + n * 7; ; base++) {
    const digits = String(base);
    const weights = [3, 2, 7, 6, 5, 4, 3, 2];
    const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${digits}${check === 11 ? 0 : check}`;
  }
}
