import type { SigningMaterial } from '../keys/signing-key';
/**
 * The Maskinporten JWT grant (RFC 7523), built exactly as docs.digdir.no/docs/Maskinporten/
 * maskinporten_protocol_jwtgrant says (reference §1.2, §1.5). Pure: the clock, the key and the jti
 * come in as arguments.
 */
/** Maskinporten: "exp: Maximum 120 seconds (exp − iat ≤ 120)" (jwtgrant docs; the server allows 180, we keep to the docs). */
export declare const MAX_GRANT_LIFETIME_SECONDS = 120;
/** `kid` for a key registered on the client; `x5c` for an enterprise certificate (virksomhetssertifikat). */
export type GrantAuth = 'kid' | 'x5c';
export interface SystemUserClaim {
  /** The system user's owner org number (for agent system users, the owner's, not the client's: MP-303). */
  org: string;
  /** Only when the system-user request was created with one (reference §1.5). */
  externalRef?: string;
}
export interface GrantInput {
  /** The Maskinporten issuer from the well-known metadata, used verbatim as `aud` (reference §6 pain point 2). */
  issuer: string;
  clientId: string;
  scopes: readonly string[];
  signing: SigningMaterial;
  /** Default: `x5c` when the material carries a chain and was asked for, else `kid`. */
  auth?: GrantAuth;
  /** The corrected clock (server time), used for `iat`. */
  now: Date;
  jti?: string;
  lifetimeSeconds?: number;
  resource?: readonly string[];
  consumerOrg?: string;
  systemUser?: SystemUserClaim;
}
export interface GrantClaims {
  aud: string;
  iss: string;
  scope: string;
  iat: number;
  exp: number;
  jti: string;
  resource?: string[];
  consumer_org?: string;
  authorization_details?: {
    type: 'urn:altinn:systemuser';
    systemuser_org: {
      authority: 'iso6523-actorid-upis';
      ID: string;
    };
    externalRef?: string;
  }[];
}
export interface BuiltGrant {
  /** The signed compact JWS. A secret: it authenticates as the client until it expires. */
  assertion: string;
  header: {
    alg: 'RS256';
    kid?: string;
    x5c?: string[];
  };
  claims: GrantClaims;
}
export declare function buildGrant(input: GrantInput): Promise<BuiltGrant>;
/** The claims, and only these: "Adding claims not present in the documentation will result in 400" (jwtgrant docs). */
export declare function grantClaims(input: GrantInput, lifetimeSeconds?: number): GrantClaims;
/** Either `kid` or `x5c` (a JSON array, full chain: a single string fails with MP-123), never both. */
export declare function grantHeader(signing: SigningMaterial, auth: GrantAuth): BuiltGrant['header'];
/**
 * kid or x5c for a profile. When the client has a registered key Maskinporten requires `kid`
 * ("må bruke kid i stedet for x5c", oidc_api_admin.md), so `kid` is the default; `x5c` is used when the
 * profile asks for certificate authentication (an explicit `auth: 'x5c'`, or an admin profile, which
 * authenticates with the enterprise certificate) and the key carries a chain.
 */
export declare function chooseGrantAuth(
  profile: {
    auth?: GrantAuth;
    admin?: boolean;
  },
  signing: Pick<SigningMaterial, 'x5c'>,
): GrantAuth;
