// No zod here: the renderer imports these values, and zod must stay out of its bundle (it probes eval,
// which the strict CSP refuses; see the browser rule in scripts/check-layers.mjs).

/** Digdir: "et Set som er en array av flere (inntil 5) JWK-representasjoner" (oidc_api_admin.md). */
export const MAX_CLIENT_KEYS = 5;
/** Digdir: "Overføring av integrasjonskonfigurasjon, 0-2 minutter" (oidc_api_admin.md). */
export const PROPAGATION_MINUTES = 2;
