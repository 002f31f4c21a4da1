import { randomUUID } from 'node:crypto';
import { type JWTHeaderParameters, SignJWT } from 'jose';
import type { GrantAuth } from '../../common/contract/token-status';
import { AppError } from '../../common/errors/app-error';
import type { SigningMaterial } from '../keys/signing-key';

/**
 * The Maskinporten JWT grant (RFC 7523), built exactly as docs.digdir.no/docs/Maskinporten/
 * maskinporten_protocol_jwtgrant says (reference §1.2, §1.5). Pure: the clock, the key and the jti
 * come in as arguments.
 */

/** Maskinporten: "exp: Maximum 120 seconds (exp − iat ≤ 120)" (jwtgrant docs; the server allows 180, we keep to the docs). */
export const MAX_GRANT_LIFETIME_SECONDS = 120;

export type { GrantAuth };

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
    systemuser_org: { authority: 'iso6523-actorid-upis'; ID: string };
    externalRef?: string;
  }[];
}

export interface BuiltGrant {
  /** The signed compact JWS. A secret: it authenticates as the client until it expires. */
  assertion: string;
  header: { alg: 'RS256'; kid?: string; x5c?: string[] };
  claims: GrantClaims;
}

export async function buildGrant(input: GrantInput): Promise<BuiltGrant> {
  const lifetime = input.lifetimeSeconds ?? MAX_GRANT_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_GRANT_LIFETIME_SECONDS) {
    throw new AppError(
      'MASKINPORTEN_LIFETIME_TOO_LONG',
      `A grant may live at most ${MAX_GRANT_LIFETIME_SECONDS} s (asked for ${lifetime} s)`,
      { details: { lifetimeSeconds: lifetime } },
    );
  }
  const claims = grantClaims(input, lifetime);
  const header = grantHeader(input.signing, input.auth ?? 'kid');
  const assertion = await new SignJWT({ ...claims })
    .setProtectedHeader(header as JWTHeaderParameters)
    .sign(input.signing.privateKey);
  return { assertion, header, claims };
}

/** The claims, and only these: "Adding claims not present in the documentation will result in 400" (jwtgrant docs). */
export function grantClaims(input: GrantInput, lifetimeSeconds: number = MAX_GRANT_LIFETIME_SECONDS): GrantClaims {
  if (!input.issuer) throw new AppError('AUTH_GRANT_INVALID', 'The Maskinporten issuer (aud) is empty');
  if (!input.clientId) throw new AppError('AUTH_GRANT_INVALID', 'The client id (iss) is empty');
  if (input.scopes.length === 0) throw new AppError('AUTH_GRANT_INVALID', 'A grant needs at least one scope');
  const iat = Math.floor(input.now.getTime() / 1000);
  const claims: GrantClaims = {
    aud: input.issuer,
    iss: input.clientId,
    scope: input.scopes.join(' '),
    iat,
    exp: iat + lifetimeSeconds,
    jti: input.jti ?? randomUUID(),
  };
  // RFC 8707 `resource`: "Currently only array supported" (maskinporten_func_audience_restricted_tokens).
  if (input.resource && input.resource.length > 0) claims.resource = [...input.resource];
  if (input.consumerOrg) claims.consumer_org = input.consumerOrg;
  if (input.systemUser) {
    claims.authorization_details = [
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${input.systemUser.org}` },
        ...(input.systemUser.externalRef ? { externalRef: input.systemUser.externalRef } : {}),
      },
    ];
  }
  return claims;
}

/** Either `kid` or `x5c` (a JSON array, full chain: a single string fails with MP-123), never both. */
export function grantHeader(signing: SigningMaterial, auth: GrantAuth): BuiltGrant['header'] {
  if (signing.alg !== 'RS256') {
    throw new AppError('AUTH_GRANT_INVALID', `Maskinporten grants are signed RS256 here, not ${String(signing.alg)}`);
  }
  if (auth === 'x5c') {
    if (!signing.x5c || signing.x5c.length === 0) {
      throw new AppError('AUTH_NO_CERTIFICATE', `Key ${signing.keyId} has no certificate chain to send as x5c`, {
        details: { keyId: signing.keyId },
      });
    }
    return { alg: 'RS256', x5c: [...signing.x5c] };
  }
  if (!signing.kid) throw new AppError('AUTH_GRANT_INVALID', `Key ${signing.keyId} has no kid`);
  return { alg: 'RS256', kid: signing.kid };
}

/**
 * kid or x5c for a profile. When the client has a registered key Maskinporten requires `kid`
 * ("må bruke kid i stedet for x5c", oidc_api_admin.md), so `kid` is the default; `x5c` is used when the
 * profile asks for certificate authentication (an explicit `auth: 'x5c'`, or an admin profile, which
 * authenticates with the enterprise certificate) and the key carries a chain.
 */
export function chooseGrantAuth(
  profile: { auth?: GrantAuth; admin?: boolean },
  signing: Pick<SigningMaterial, 'x5c'>,
): GrantAuth {
  if (profile.auth) return profile.auth;
  return profile.admin && signing.x5c && signing.x5c.length > 0 ? 'x5c' : 'kid';
}
