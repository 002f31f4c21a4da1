import type { EventName, Events } from '../../common/contract';
import type { DoctorReport, TokenChanged, TokenKind, TokenSummary } from '../../common/contract/token-status';
import { AppError } from '../../common/errors/app-error';
import type { Profile } from '../../common/schemas/profile';
import type { Environment, EnvironmentSource } from '../environments/environments';
import type { SigningKeySource, SigningMaterial } from '../keys/signing-key';
import { abortable } from '../platform/abortable';
import type { Desktop } from '../platform/desktop';
import { createExpiringClipboard, type ExpiringClipboard, type Schedule } from '../platform/expiring-clipboard';
import { createHttpClient, type HttpClient } from '../platform/http';
import type { Logger } from '../platform/log';
import { type AltinnToken, exchangeForAltinnToken, orgWarnings } from './altinn-exchange';
import { ClockOffsets } from './clock-offset';
import { runDoctor } from './doctor';
import { decodeTokenClaims, type TokenClaims } from './jwt-decode';
import { chooseGrantAuth, type GrantAuth } from './jwt-grant';
import { requestMaskinportenToken } from './maskinporten-client';
import { type Expiring, TokenCache } from './token-cache';
import type { AltinnTokenSource } from './token-source';

/**
 * From a profile to a Maskinporten token and an Altinn token. Tokens live in this object's memory only:
 * never on disk, never in a log, never sent to the renderer (which gets `TokenSummary`).
 */

export interface TokenServiceDeps {
  /**
   * `resolve` (when the registry has it) gives the issuer and token endpoint from the well-known metadata,
   * as Digdir recommends (reference §1.1); `get` gives the configured ones.
   */
  environments: Pick<EnvironmentSource, 'get'> & { resolve?: (id: string) => Promise<Environment> };
  /** The profile store's lookup; throws its own AppError when the id is unknown. */
  getProfile: (id: string) => Promise<Profile>;
  keys: SigningKeySource;
  /** The grant and the exchange go through this fetch; without one, through node:http (http.ts). */
  fetch?: typeof fetch;
  now: () => Date;
  logger: Logger;
  events: { emit<E extends EventName>(event: E, payload: Events[E]): void };
  desktop?: Pick<Desktop, 'writeClipboard' | 'readClipboard'>;
  timeoutMs?: number;
  /** When a copied token's clearing runs (expiring-clipboard.ts); tests pass their own. */
  clipboardSchedule?: Schedule;
}

/** A profile may say how it authenticates; until the profile schema carries it, kid is the default. */
type ProfileWithAuth = Profile & { auth?: GrantAuth };

interface MaskinportenEntry extends Expiring {
  token: string;
  claims: TokenClaims;
  scope: string;
  auth: GrantAuth;
}

interface AltinnEntry extends Expiring {
  token: string;
  claims: TokenClaims;
}

interface Resolved {
  profile: ProfileWithAuth;
  env: Environment;
  mpKey: string;
  altinnKey: string;
  testOrg: boolean;
}

export interface GetTokenOptions {
  altinn?: boolean;
  forceRefresh?: boolean;
}

export class TokenService implements AltinnTokenSource {
  private readonly http: HttpClient;
  private readonly clock = new ClockOffsets();
  private readonly mpCache: TokenCache<MaskinportenEntry>;
  private readonly altinnCache: TokenCache<AltinnEntry>;
  /** Copied tokens leave the clipboard when they expire. */
  readonly clipboard?: ExpiringClipboard;
  /** Keys being unsealed for the grant that comes next (see resolve), by key id; taken by that grant. */
  private readonly unsealing = new Map<string, Promise<SigningMaterial>>();

  constructor(private readonly deps: TokenServiceDeps) {
    if (deps.desktop) {
      this.clipboard = createExpiringClipboard({
        desktop: deps.desktop,
        now: deps.now,
        schedule: deps.clipboardSchedule,
        logger: deps.logger,
      });
    }
    const nowMs = () => deps.now().getTime();
    this.http = createHttpClient({
      fetch: deps.fetch,
      logger: deps.logger,
      now: nowMs,
      defaultTimeoutMs: deps.timeoutMs,
    });
    this.mpCache = new TokenCache(nowMs);
    this.altinnCache = new TokenCache(nowMs);
  }

  /** Decoded claims, expiry and status of the profile's tokens, fetching what is missing or stale. */
  async getToken(profileId: string, options: GetTokenOptions = {}): Promise<TokenSummary> {
    const r = await this.resolve(profileId);
    const mp = await this.maskinporten(r, options.forceRefresh ?? false);
    const altinn = options.altinn ? await this.altinn(r, options.forceRefresh ?? false) : undefined;
    return this.summarize(r, mp, altinn);
  }

  /** What is in memory for the profile now, without any request. */
  async cached(profileId: string): Promise<TokenSummary | undefined> {
    const r = await this.resolve(profileId, false);
    const mp = this.mpCache.peek(r.mpKey);
    if (!mp) return undefined;
    return this.summarize(r, mp, this.altinnCache.peek(r.altinnKey));
  }

  /** AltinnTokenSource, for Storage and downloads. */
  async getAltinnToken(profileId: string, options: { forceRefresh?: boolean; signal?: AbortSignal } = {}) {
    const r = await this.resolve(profileId);
    const entry = await abortable(this.altinn(r, options.forceRefresh ?? false), options.signal);
    return entry.token;
  }

  /**
   * The token text. ONLY for the CLI's `mpd token`, which prints it to stdout on the user's request
   * so `$(mpd token …)` works. Never return this over IPC.
   */
  async getRawToken(profileId: string, which: TokenKind): Promise<string> {
    const r = await this.resolve(profileId);
    return which === 'altinn' ? (await this.altinn(r, false)).token : (await this.maskinporten(r, false)).token;
  }

  /** "Copy token": the text goes from main straight to the clipboard; the renderer learns only the expiry. */
  /** Copy a token in main; it is cleared from the clipboard when it expires, if the clipboard still holds it. */
  async copyToken(profileId: string, which: TokenKind): Promise<{ copied: true; which: TokenKind; expiresAt: string }> {
    if (!this.clipboard) throw new AppError('INTERNAL', 'No clipboard in this front end');
    const r = await this.resolve(profileId);
    const entry = which === 'altinn' ? await this.altinn(r, false) : await this.maskinporten(r, false);
    await this.clipboard.copyUntil(entry.token, new Date(entry.expiresAt));
    this.deps.logger.info('token copied to the clipboard', { profileId, which });
    return { copied: true, which, expiresAt: new Date(entry.expiresAt).toISOString() };
  }

  async doctor(profileId: string): Promise<DoctorReport> {
    const r = await this.resolve(profileId);
    return runDoctor({
      profile: r.profile,
      env: r.env,
      http: this.http,
      clock: this.clock,
      now: this.deps.now,
      keys: this.deps.keys,
      maskinporten: async () => {
        const entry = await this.maskinporten(r, true);
        return { claims: entry.claims, scope: entry.scope, auth: entry.auth };
      },
      altinn: async () => {
        // A fresh exchange of the token the doctor just got, not a second Maskinporten request.
        const entry = await this.altinn(r, true, false);
        return { claims: entry.claims, warnings: orgWarnings(entry.claims, r.profile.org) };
      },
    });
  }

  /** Forget every token (e.g. on environment change or sign-out). */
  clear(): void {
    this.mpCache.clear();
    this.altinnCache.clear();
    this.unsealing.clear();
  }

  /** Forget a profile's tokens: call on every profile edit or removal. */
  clearProfile(profileId: string): void {
    // A key unsealed for an old version of the profile is unsealed again for the new one.
    this.unsealing.clear();
    const dropped = this.mpCache.clearOwner(profileId).length + this.altinnCache.clearOwner(profileId).length;
    if (dropped > 0) this.emit({ profileId, status: 'cleared' });
  }

  /** The profile and its environment; `forGrant`: a token is wanted, so its key may be unsealed ahead. */
  private async resolve(profileId: string, forGrant = true): Promise<Resolved> {
    const profile = (await this.deps.getProfile(profileId)) as ProfileWithAuth;
    if (forGrant) this.unsealAhead(profile);
    const environments = this.deps.environments;
    let env: Environment;
    try {
      env = environments.resolve
        ? await environments.resolve(profile.environmentId)
        : await environments.get(profile.environmentId);
    } catch (error) {
      // No grant follows: the key unsealed for it is not kept.
      this.unsealing.delete(profile.keyId);
      throw error;
    }
    // Reference §2: `?test=true` only matters for Digdir's org in TT02; never send it to production.
    const testOrg = profile.testOrg && !env.production;
    const mpKey = JSON.stringify([
      env.id,
      env.maskinporten.issuer,
      env.maskinporten.tokenEndpoint,
      profile.clientId,
      profile.keyId,
      profile.auth ?? (profile.admin ? 'cert' : 'kid'),
      [...profile.scopes].sort(),
      [...(profile.resource ?? [])].sort(),
      profile.consumerOrg ?? null,
      profile.systemUser ? [profile.systemUser.org, profile.systemUser.externalRef ?? null] : null,
    ]);
    const altinnKey = JSON.stringify([mpKey, env.altinn.exchangeUrl, testOrg]);
    return { profile, env, mpKey, altinnKey, testOrg };
  }

  private maskinporten(r: Resolved, force: boolean): Promise<MaskinportenEntry> {
    return this.mpCache.get(
      r.mpKey,
      r.profile.id,
      () =>
        this.tracked(r.profile.id, 'maskinporten', async () => {
          const signing = await this.takeSigningMaterial(r.profile.keyId);
          const auth = chooseGrantAuth(r.profile, signing);
          const { token } = await requestMaskinportenToken(
            { http: this.http, clock: this.clock, now: this.deps.now, logger: this.deps.logger },
            {
              tokenEndpoint: r.env.maskinporten.tokenEndpoint,
              grant: {
                issuer: r.env.maskinporten.issuer,
                clientId: r.profile.clientId,
                scopes: r.profile.scopes,
                signing,
                auth,
                resource: r.profile.resource,
                consumerOrg: r.profile.consumerOrg,
                systemUser: r.profile.systemUser,
              },
              timeoutMs: this.deps.timeoutMs,
            },
          );
          return {
            token: token.accessToken,
            claims: decodeTokenClaims(token.accessToken, 'Maskinporten token'),
            scope: token.scope,
            auth,
            obtainedAt: token.receivedAt,
            // Reference §1.3: cache by expires_in, never assume a fixed lifetime.
            expiresAt: token.receivedAt + token.expiresIn * 1000,
          };
        }),
      { force },
    );
  }

  private altinn(r: Resolved, force: boolean, forceMaskinporten = force): Promise<AltinnEntry> {
    return this.altinnCache.get(
      r.altinnKey,
      r.profile.id,
      () =>
        this.tracked(r.profile.id, 'altinn', async () => {
          const mp = await this.maskinporten(r, forceMaskinporten);
          const result: AltinnToken = await exchangeForAltinnToken(
            { http: this.http, clock: this.clock, now: this.deps.now, logger: this.deps.logger },
            {
              exchangeUrl: r.env.altinn.exchangeUrl,
              maskinportenToken: mp.token,
              testOrg: r.testOrg,
              expectedOrg: r.profile.org,
              environmentIssuer: r.env.maskinporten.issuer,
              timeoutMs: this.deps.timeoutMs,
            },
          );
          for (const w of result.warnings) this.deps.logger.warn('altinn token warning', { code: w.code });
          // Reference §2: the Altinn token lives 30 min, not as long as the Maskinporten one; use its own exp.
          return {
            token: result.token,
            claims: result.claims,
            obtainedAt: this.deps.now().getTime(),
            expiresAt: result.expiresAt,
          };
        }),
      { force },
    );
  }

  /**
   * A profile with no token (fresh or on its way) is about to make a grant: start unsealing its key
   * (keychain, vault file, key import) now, while the environment's metadata is read (from the disk
   * cache, discovery-cache-file.ts), instead of after it — the first file of a run is that much sooner
   * (issue 21). The grant takes it (takeSigningMaterial); a failure is that grant's to report.
   */
  private unsealAhead(profile: Profile): void {
    if (this.unsealing.has(profile.keyId) || this.mpCache.ownsFreshOrPending(profile.id)) return;
    const unsealing = this.deps.keys.getSigningMaterial(profile.keyId);
    unsealing.catch(() => {});
    this.unsealing.set(profile.keyId, unsealing);
  }

  private takeSigningMaterial(keyId: string): Promise<SigningMaterial> {
    const ahead = this.unsealing.get(keyId);
    this.unsealing.delete(keyId);
    return ahead ?? this.deps.keys.getSigningMaterial(keyId);
  }

  /** Run one fetch and tell the window about it. */
  private async tracked<T extends Expiring>(
    profileId: string,
    which: TokenKind,
    fetchIt: () => Promise<T>,
  ): Promise<T> {
    this.emit({ profileId, which, status: 'fetching' });
    try {
      const entry = await fetchIt();
      this.emit({ profileId, which, status: 'valid', expiresAt: new Date(entry.expiresAt).toISOString() });
      this.deps.logger.info('token obtained', { profileId, which, expiresAt: new Date(entry.expiresAt).toISOString() });
      return entry;
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      this.emit({ profileId, which, status: 'failed', code });
      throw error;
    }
  }

  private emit(payload: TokenChanged): void {
    this.deps.events.emit('token:changed', payload);
  }

  private summarize(r: Resolved, mp: MaskinportenEntry, altinn: AltinnEntry | undefined): TokenSummary {
    const granted = new Set(mp.scope.split(' ').filter(Boolean));
    return {
      profileId: r.profile.id,
      environmentId: r.env.id,
      maskinporten: {
        claims: mp.claims,
        expiresAt: new Date(mp.expiresAt).toISOString(),
        obtainedAt: new Date(mp.obtainedAt).toISOString(),
        scope: mp.scope,
        missingScopes: r.profile.scopes.filter((s) => !granted.has(s)),
        auth: mp.auth,
      },
      ...(altinn
        ? {
            altinn: {
              claims: altinn.claims,
              expiresAt: new Date(altinn.expiresAt).toISOString(),
              obtainedAt: new Date(altinn.obtainedAt).toISOString(),
              warnings: orgWarnings(altinn.claims, r.profile.org),
            },
          }
        : {}),
    };
  }
}

export function createTokenService(deps: TokenServiceDeps): TokenService {
  return new TokenService(deps);
}
