import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Language } from '../../common/contract/app';
import {
  type ClientDetails,
  type ClientKeyInfo,
  type ClientSummary,
  type CreateClientInput,
  type CreateClientResult,
  MAX_CLIENT_KEYS,
  type ManualGuide,
  PROPAGATION_MINUTES,
  type PublishKeyInput,
  type PublishKeyResult,
  type RemoveKeyInput,
  type RemoveKeyResult,
  type UpdateClientInput,
} from '../../common/contract/clients';
import type { KeySummary } from '../../common/contract/keys';
import { AppError } from '../../common/errors/app-error';
import { SelfServiceErrors } from '../../common/errors/clients-errors';
import { type Profile, profileInputSchema } from '../../common/schemas/profile';
import type { TokenService } from '../auth/token-service';
import type { Environment, EnvironmentSource } from '../environments/environments';
import { EXPIRY_WARNING_DAYS, expiryDate } from '../keys/key-metadata';
import type { KeyStore } from '../keys/key-store';
import { type ChangeToConfirm, type ConfirmFact, confirmInMainOrRefuse } from '../platform/confirm-in-main';
import type { Desktop } from '../platform/desktop';
import { createHttpClient, type HttpClient } from '../platform/http';
import type { Logger } from '../platform/log';
import type { ProfileStore } from '../profiles/profile-store';
import { clientProfileInput } from './client-profile';
import { type ApiJwk, type MergeOutcome, mergeKey, removeKey, retireCandidates } from './jwks-merge';
import { manualGuide } from './manual-guide';
import { type ApiClient, SelfServiceApi } from './selfservice-client';

/**
 * Orchestration of the self-service area: the admin profile's token (from the token service), Digdir's
 * API (selfservice-client.ts), the key set arithmetic (jwks-merge.ts), the key store (registration dates)
 * and the profile store (matching client profiles). Remote first, local after: a failed API call changes
 * nothing on this machine.
 *
 * Every write in production, and every change of a client's keys anywhere, is confirmed by the person in
 * main's own dialog (confirmInMain) after the window's confirm and `confirmProduction`, with the concrete
 * change: environment, client id, kid and SHA-256 JWK thumbprint, the number of keys afterwards (issue 17,
 * finding 4). A no sends nothing.
 */

export interface SelfServiceDeps {
  environments: Pick<EnvironmentSource, 'get'>;
  profiles: Pick<ProfileStore, 'get' | 'list' | 'add'>;
  keys: Pick<KeyStore, 'get' | 'list' | 'publicJwk' | 'setRegisteredAt'>;
  tokens: Pick<TokenService, 'getToken' | 'getRawToken' | 'clearProfile'>;
  /** Main's own confirmation of key changes and production writes (confirm-in-main.ts). */
  desktop: Pick<Desktop, 'confirmInMain'>;
  /** The person's UI language, for that confirmation. */
  language: () => Promise<Language>;
  fetch: typeof fetch;
  now: () => Date;
  logger: Logger;
  timeoutMs?: number;
}

const READ = 'idporten:dcr.read';
const WRITE = 'idporten:dcr.write';
const MODIFY = 'idporten:dcr.modify';
const DCR_PREFIX = 'idporten:dcr';

/**
 * Scopes per kind of operation, each inner list "any of" (oidc_api_admin.md: dcr.read reads, dcr.write
 * creates, dcr.modify changes; key writes use dcr.write in oslokommune's admin client, reference §4).
 */
const NEEDS = {
  read: [[READ]],
  create: [[WRITE]],
  modify: [[READ], [MODIFY, WRITE]],
} as const satisfies Record<string, readonly (readonly string[])[]>;
type Need = keyof typeof NEEDS;

interface AdminSession {
  profile: Profile;
  env: Environment;
  api: SelfServiceApi;
}

const DAY_MS = 86_400_000;

export class SelfServiceService {
  private readonly http: HttpClient;
  /** Key-set writes are read-modify-write: one at a time per client (the API has no ETag to guard with). */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: SelfServiceDeps) {
    this.http = createHttpClient({
      fetch: deps.fetch,
      logger: deps.logger,
      now: () => deps.now().getTime(),
      defaultTimeoutMs: deps.timeoutMs,
    });
  }

  async listClients(adminProfileId: string): Promise<ClientSummary[]> {
    const { api } = await this.session(adminProfileId, 'read');
    return (await api.listClients()).map(summarize);
  }

  async getClient(adminProfileId: string, clientId: string): Promise<ClientDetails> {
    const { api, env } = await this.session(adminProfileId, 'read');
    const [client, jwks] = await Promise.all([api.getClient(clientId), api.getJwks(clientId)]);
    return this.details(env, summarize(client), jwks);
  }

  /**
   * POST /clients/ for a Maskinporten client; then, when asked, publish a stored key on it and add the
   * matching client profile. The profile is checked before anything is sent, so a bad name cannot leave a
   * half-made result behind.
   */
  async createClient(input: CreateClientInput): Promise<CreateClientResult> {
    const admin = await this.deps.profiles.get(input.adminProfileId);
    const key = input.keyId ? await this.deps.keys.get(input.keyId) : undefined;
    if (input.createProfile && key) await this.checkNewProfile(admin.environmentId, input.createProfile.name);
    const { api, env } = await this.session(input.adminProfileId, 'create', input.confirmProduction);
    if (env.production || key) {
      await this.confirmInMain({
        environment: env,
        question: 'confirm.questionCreateClient',
        params: { name: input.clientName },
        confirmLabel: 'confirm.yesCreateClient',
        facts: [
          ['confirm.factClientName', input.clientName],
          ['confirm.factScopes', input.scopes],
          ...(key ? [...keyFacts(key.kid, key.thumbprint), keysAfter(1)] : []),
        ],
      });
    }
    const created = summarize(
      await api.createMaskinportenClient({
        client_name: input.clientName,
        description: input.description,
        scopes: input.scopes,
      }),
    );
    this.deps.logger.info('self-service client created', { environmentId: env.id, clientId: created.clientId });

    let published: PublishKeyResult | undefined;
    let jwks: ApiJwk[] = [];
    if (key) {
      try {
        const outcome = await this.publishOn(api, env, created.clientId, key, []);
        published = outcome.result;
        jwks = outcome.after;
      } catch (error) {
        throw createdButFailed(error, created.clientId, 'publishing the key');
      }
    }
    const options = {
      environmentId: env.id,
      keyId: key?.id ?? '',
      name: input.createProfile?.name,
      org: input.createProfile?.org,
      apps: input.createProfile?.apps,
      testOrg: input.createProfile?.testOrg,
    };
    let profile: Profile | undefined;
    if (input.createProfile && key) {
      try {
        profile = await this.deps.profiles.add(clientProfileInput(created, options));
      } catch (error) {
        throw createdButFailed(error, created.clientId, 'adding the client profile');
      }
    }
    const client = await this.details(env, created, jwks);
    return {
      client,
      ...(published ? { published } : {}),
      ...(profile ? { profile } : {}),
      ...(!profile && key ? { profileInput: clientProfileInput(created, options) } : {}),
    };
  }

  /** PUT /clients/{id} with the current model and the changed name, description or scopes. */
  async updateClient(input: UpdateClientInput): Promise<ClientDetails> {
    const { api, env } = await this.session(input.adminProfileId, 'modify', input.confirmProduction);
    return this.serial(env, input.clientId, async () => {
      const current = await api.getClient(input.clientId);
      // The integration type cannot change (oidc_api_admin.md): the current one goes back as it was.
      const next: ApiClient = {
        ...current,
        ...(input.clientName !== undefined ? { client_name: input.clientName } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
      };
      if (env.production) {
        await this.confirmInMain({
          environment: env,
          question: 'confirm.questionUpdateClient',
          params: { client: input.clientId },
          confirmLabel: 'confirm.yesUpdateClient',
          facts: [
            ['confirm.factClient', input.clientId],
            ['confirm.factClientName', next.client_name ?? ''],
            ['confirm.factScopes', next.scopes ?? []],
          ],
        });
      }
      const updated = await api.updateClient(input.clientId, next);
      this.deps.logger.info('self-service client updated', { environmentId: env.id, clientId: input.clientId });
      return this.details(env, summarize(updated), await api.getJwks(input.clientId));
    });
  }

  /**
   * Publish a stored key's public JWK on a client by merging it into the client's current set. A key that
   * is already there is posted again, which renews its one-year life. Rotation: publish the new key (the
   * others stay and keep working), switch the profiles to it, then remove the old one.
   */
  async publishKey(input: PublishKeyInput): Promise<PublishKeyResult> {
    const key = await this.deps.keys.get(input.keyId);
    const { api, env } = await this.session(input.adminProfileId, 'modify', input.confirmProduction);
    return this.serial(env, input.clientId, async () => {
      // Read the client first: a 404 names the client, not its key set.
      await api.getClient(input.clientId);
      const current = await api.getJwks(input.clientId);
      const confirm = async (merged: MergeOutcome) =>
        this.confirmInMain({
          environment: env,
          question: merged.action === 'renewed' ? 'confirm.questionRenewKey' : 'confirm.questionPublishKey',
          params: { kid: key.kid, client: input.clientId },
          confirmLabel: 'confirm.yesPublishKey',
          facts: [
            ['confirm.factClient', input.clientId],
            ...keyFacts(key.kid, key.thumbprint),
            keysAfter(merged.keys.length),
          ],
        });
      return (await this.publishOn(api, env, input.clientId, key, current, confirm)).result;
    });
  }

  /** Remove one key by rewriting the set without it. */
  async removeKey(input: RemoveKeyInput): Promise<RemoveKeyResult> {
    const { api, env } = await this.session(input.adminProfileId, 'modify', input.confirmProduction);
    const localKeys = await this.deps.keys.list();
    const local = localKeys.find((k) => k.kid === input.kid);
    if (!input.force) await this.assertKeyNotInUse(env, input.clientId, input.kid, localKeys);
    return this.serial(env, input.clientId, async () => {
      await api.getClient(input.clientId);
      const current = await api.getJwks(input.clientId);
      const next = removeKey(current, input.kid, { allowEmpty: input.allowEmpty });
      const removed = current.find((k) => k.kid === input.kid);
      await this.confirmInMain({
        environment: env,
        question: 'confirm.questionRemoveKey',
        params: { kid: input.kid, client: input.clientId },
        confirmLabel: 'confirm.yesRemoveKey',
        facts: [
          ['confirm.factClient', input.clientId],
          ...keyFacts(input.kid, removed ? await thumbprintOf(removed) : '?'),
          keysAfter(next.length),
        ],
      });
      const answered = await api.replaceJwks(input.clientId, next);
      const after = answered ?? (await api.getJwks(input.clientId));
      if (after.some((k) => k.kid === input.kid)) {
        throw new AppError(SelfServiceErrors.BAD_RESPONSE, `The API still lists kid "${input.kid}" after removing it`, {
          details: { kid: input.kid },
        });
      }
      this.deps.logger.info('key removed from client', {
        environmentId: env.id,
        clientId: input.clientId,
        kid: input.kid,
      });
      // Kids are unique across all of Digdir's customers (oidc_api_admin.md), so a removed kid is no longer
      // registered anywhere: its one-year clock stops.
      if (local?.registeredAt) await this.deps.keys.setRegisteredAt(local.id, null);
      return {
        clientId: input.clientId,
        environmentId: env.id,
        kid: input.kid,
        keys: await this.keyInfos(after),
        ...(local ? { localKeyId: local.id } : {}),
        propagationMinutes: PROPAGATION_MINUTES,
      };
    });
  }

  /** Everything the manual path needs for one environment; no network, no admin profile. */
  async manualGuide(environmentId: string, keyId?: string): Promise<ManualGuide> {
    const env = await this.deps.environments.get(environmentId);
    const jwk = keyId ? await this.deps.keys.publicJwk(keyId) : null;
    return manualGuide(env, jwk);
  }

  // ---- internals --------------------------------------------------------------------------------------------

  private async publishOn(
    api: SelfServiceApi,
    env: Environment,
    clientId: string,
    key: KeySummary,
    current: ApiJwk[],
    beforeWrite?: (merged: MergeOutcome) => Promise<void>,
  ): Promise<{ result: PublishKeyResult; after: ApiJwk[] }> {
    const jwk = await this.deps.keys.publicJwk(key.id);
    const merged = mergeKey(current, jwk);
    await beforeWrite?.(merged);
    const answered = await api.replaceJwks(clientId, merged.keys);
    const after = answered ?? (await api.getJwks(clientId));
    const lost = merged.keys.filter((k) => !after.some((a) => a.kid === k.kid)).map((k) => k.kid);
    if (lost.length > 0) {
      throw new AppError(
        SelfServiceErrors.BAD_RESPONSE,
        `After the write the API does not list ${lost.map((k) => `"${k}"`).join(', ')}; check the client in Samarbeidsportalen`,
        { details: { missingKids: lost } },
      );
    }
    this.deps.logger.info('key published on client', {
      environmentId: env.id,
      clientId,
      kid: jwk.kid,
      action: merged.action,
    });
    const registeredAt = this.deps.now().toISOString().slice(0, 10);
    let warning: string | undefined;
    try {
      await this.deps.keys.setRegisteredAt(key.id, registeredAt);
    } catch (error) {
      // The key is published; only the local reminder date is missing. Say so rather than fail the publish.
      warning = `The key is published, but its registration date could not be saved: ${(error as Error).message}`;
      this.deps.logger.warn('could not record the registration date', { keyId: key.id });
    }
    return {
      after,
      result: {
        clientId,
        environmentId: env.id,
        keyId: key.id,
        kid: jwk.kid,
        action: merged.action,
        registeredAt,
        expiresAt: expiryDate(registeredAt),
        keys: await this.keyInfos(after),
        maxKeys: MAX_CLIENT_KEYS,
        otherKids: retireCandidates(after, jwk.kid),
        propagationMinutes: PROPAGATION_MINUTES,
        ...(warning ? { warning } : {}),
      },
    };
  }

  private confirmInMain(change: ChangeToConfirm): Promise<void> {
    return confirmInMainOrRefuse(
      { desktop: this.deps.desktop, language: this.deps.language, logger: this.deps.logger },
      change,
    );
  }

  /** The admin profile checked, the environment's API located, and a token with the scopes `need` asks for. */
  private async session(adminProfileId: string, need: Need, confirmProduction?: boolean): Promise<AdminSession> {
    const profile = await this.deps.profiles.get(adminProfileId);
    if (!profile.admin || !profile.scopes.some((s) => s.startsWith(DCR_PREFIX))) {
      throw new AppError(
        SelfServiceErrors.NOT_ADMIN,
        `Profile "${profile.name}" is not an admin profile: it needs the admin mark and idporten:dcr.* scopes`,
        { details: { profileId: profile.id, admin: profile.admin } },
      );
    }
    const groups = NEEDS[need];
    const missing = groups.filter((anyOf) => !anyOf.some((s) => profile.scopes.includes(s)));
    if (missing.length > 0) throw missingScopes(profile.name, missing, 'profile');
    const env = await this.deps.environments.get(profile.environmentId);
    if (!env.selfService) {
      throw new AppError(
        SelfServiceErrors.NOT_CONFIGURED,
        `Environment "${env.name}" has no self-service API address (selfService.clientsUrl)`,
        { details: { environmentId: env.id } },
      );
    }
    if (need !== 'read' && env.production && confirmProduction !== true) {
      throw new AppError(
        SelfServiceErrors.PRODUCTION_CONFIRM_REQUIRED,
        `This changes clients in ${env.name}; confirm the production write first`,
        { details: { environmentId: env.id } },
      );
    }
    const summary = await this.deps.tokens.getToken(profile.id, { altinn: false });
    const granted = new Set(summary.maskinporten.scope.split(' ').filter(Boolean));
    const notGranted = groups.filter((anyOf) => !anyOf.some((s) => granted.has(s)));
    if (notGranted.length > 0) throw missingScopes(profile.name, notGranted, 'token');
    const token = await this.deps.tokens.getRawToken(profile.id, 'maskinporten');
    const api = new SelfServiceApi({
      http: this.http,
      clientsUrl: env.selfService.clientsUrl,
      token,
      timeoutMs: this.deps.timeoutMs,
      // A 401 means the cached admin token is no good: drop it so the next attempt fetches a new one.
      onUnauthorized: () => this.deps.tokens.clearProfile(profile.id),
    });
    return { profile, env, api };
  }

  private async checkNewProfile(environmentId: string, name: string): Promise<void> {
    const wanted = name.trim().toLocaleLowerCase('nb');
    const clash = (await this.deps.profiles.list(environmentId)).find((p) => p.name.toLocaleLowerCase('nb') === wanted);
    if (clash) {
      throw new AppError('PROFILE_NAME_TAKEN', `A profile named "${clash.name}" already exists; choose another name`, {
        details: { field: 'createProfile.name', existingId: clash.id },
      });
    }
    const parsed = profileInputSchema.shape.name.safeParse(name);
    if (!parsed.success) throw new AppError('PROFILE_INVALID', `name: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }

  private async assertKeyNotInUse(env: Environment, clientId: string, kid: string, localKeys: KeySummary[]) {
    const keyIds = new Set(localKeys.filter((k) => k.kid === kid).map((k) => k.id));
    const users = (await this.deps.profiles.list(env.id)).filter((p) => p.clientId === clientId && keyIds.has(p.keyId));
    if (users.length > 0) {
      throw new AppError(
        SelfServiceErrors.KEY_IN_USE,
        `Profile ${users.map((p) => `"${p.name}"`).join(', ')} still signs with kid "${kid}"; switch it to another key first`,
        { details: { kid, profileIds: users.map((p) => p.id) } },
      );
    }
  }

  private async details(env: Environment, client: ClientSummary, jwks: ApiJwk[]): Promise<ClientDetails> {
    const profiles = await this.deps.profiles.list(env.id);
    return {
      ...client,
      keys: await this.keyInfos(jwks),
      maxKeys: MAX_CLIENT_KEYS,
      profileIds: profiles.filter((p) => p.clientId === client.clientId).map((p) => p.id),
    };
  }

  private async keyInfos(jwks: ApiJwk[]): Promise<ClientKeyInfo[]> {
    const local = await this.deps.keys.list();
    const now = this.deps.now().getTime();
    return jwks.map((k) =>
      keyInfo(
        k,
        local.find((l) => l.kid === k.kid),
        now,
      ),
    );
  }

  private serial<T>(env: Environment, clientId: string, work: () => Promise<T>): Promise<T> {
    const id = `${env.id}\n${clientId}`;
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => {});
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return run;
  }
}

export function createSelfServiceService(deps: SelfServiceDeps): SelfServiceService {
  return new SelfServiceService(deps);
}

/** The kid and its RFC 7638 SHA-256 thumbprint: what the person checks against the key they meant. */
function keyFacts(kid: string, thumbprint: string): ConfirmFact[] {
  return [
    ['confirm.factKid', kid],
    ['confirm.factThumbprint', thumbprint],
  ];
}

function keysAfter(count: number): ConfirmFact {
  return ['confirm.factKeysAfter', `${count} / ${MAX_CLIENT_KEYS}`];
}

/** A key on the client, as the API lists it: its thumbprint, or "?" when the API left out what it needs. */
async function thumbprintOf(jwk: ApiJwk): Promise<string> {
  try {
    return await calculateJwkThumbprint(jwk as JWK, 'sha256');
  } catch {
    return '?';
  }
}

function summarize(c: ApiClient): ClientSummary {
  return {
    clientId: c.client_id,
    clientName: c.client_name ?? '',
    description: c.description ?? '',
    integrationType: c.integration_type ?? 'unknown',
    scopes: c.scopes ?? [],
    ...(c.client_orgno ? { orgNo: c.client_orgno } : {}),
    ...(c.created ? { created: c.created } : {}),
    ...(c.last_updated ? { lastUpdated: c.last_updated } : {}),
    ...(typeof c.active === 'boolean' ? { active: c.active } : {}),
  };
}

/**
 * A key's expiry: the server's `exp` (epoch seconds, which Digdir sets on each posted key) when present,
 * else the local registration date + 1 year (reference §4: keys live one year from posting).
 */
function keyInfo(k: ApiJwk, local: KeySummary | undefined, now: number): ClientKeyInfo {
  let expiresAtMs: number | undefined;
  let source: ClientKeyInfo['expirySource'] = 'none';
  if (typeof k.exp === 'number' && Number.isFinite(k.exp)) {
    expiresAtMs = k.exp * 1000;
    source = 'server';
  } else if (local?.registeredAt) {
    expiresAtMs = Date.parse(`${expiryDate(local.registeredAt)}T00:00:00Z`);
    source = 'local';
  }
  const days = expiresAtMs === undefined ? null : Math.floor((expiresAtMs - now) / DAY_MS);
  return {
    kid: k.kid,
    kty: k.kty,
    ...(typeof k.alg === 'string' ? { alg: k.alg } : {}),
    ...(typeof k.use === 'string' ? { use: k.use } : {}),
    hasCertificate: Array.isArray(k.x5c) && k.x5c.length > 0,
    expiresAt: expiresAtMs === undefined ? null : new Date(expiresAtMs).toISOString(),
    daysToExpiry: days,
    expiry:
      days === null || expiresAtMs === undefined
        ? 'unknown'
        : expiresAtMs <= now
          ? 'expired'
          : days <= EXPIRY_WARNING_DAYS
            ? 'expiring'
            : 'ok',
    expirySource: source,
    ...(local ? { localKeyId: local.id, localKeyName: local.name } : {}),
  };
}

function missingScopes(profileName: string, missing: readonly (readonly string[])[], where: 'profile' | 'token') {
  const list = missing.map((anyOf) => anyOf.join(' or ')).join(', and ');
  return new AppError(
    SelfServiceErrors.FORBIDDEN_SCOPE,
    where === 'profile'
      ? `Admin profile "${profileName}" needs the scope ${list} for this`
      : `Maskinporten did not grant admin profile "${profileName}" the scope ${list}; ask servicedesk@digdir.no to add it to the admin client`,
    { details: { missing: missing.map((g) => [...g]), where } },
  );
}

/** The client exists now even though a later step failed: the error must say which client to continue with. */
function createdButFailed(error: unknown, clientId: string, step: string): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, `Client ${clientId} was created, but ${step} failed: ${error.message}`, {
    details: { ...error.details, createdClientId: clientId },
    cause: error,
  });
}
