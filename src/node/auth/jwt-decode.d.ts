export type TokenClaims = Record<string, unknown>;
/**
 * Read a token's claims without verifying it. We only show and reason about claims of tokens that the
 * issuer just handed us over TLS; the services that consume them verify them.
 */
export declare function decodeTokenClaims(token: string, what: string): TokenClaims;
export declare function decodeTokenHeader(token: string): Record<string, unknown> | undefined;
/** `exp` in ms since the epoch, when the token has one. */
export declare function expiryMs(claims: TokenClaims): number | undefined;
/** The `ID` (Digdir) or `id` (Altinn docs) of an iso6523 org claim such as `consumer`, without the `0192:` prefix. */
export declare function orgNumberOf(claim: unknown): string | undefined;
