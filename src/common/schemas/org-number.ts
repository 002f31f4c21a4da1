// No zod here: the renderer checks org numbers in forms with this, and zod must stay out of its bundle.

/** Norwegian organisation number: 9 digits, the last a mod-11 check digit (weights 3 2 7 6 5 4 3 2). */
export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(value[8]);
}
