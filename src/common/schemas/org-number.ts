// No zod here: the renderer checks org numbers in forms with this, and zod must stay out of its bundle.
import { orgNumberProblem } from './party-numbers';

/** Norwegian organisation number: 9 digits, the last a mod-11 check digit (party-numbers.ts). */
export function isValidOrgNumber(value: string): boolean {
  return orgNumberProblem(value) === undefined;
}
