/** Seconds left as "45 s", "3 min" or "1 h 5 min" (via the caller's messages). */
export function splitDuration(
  seconds: number,
): { unit: 's'; n: number } | { unit: 'min'; n: number } | { unit: 'h'; h: number; m: number } {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return { unit: 's', n: s };
  if (s < 3600) return { unit: 'min', n: Math.round(s / 60) };
  return { unit: 'h', h: Math.floor(s / 3600), m: Math.round((s % 3600) / 60) };
}
