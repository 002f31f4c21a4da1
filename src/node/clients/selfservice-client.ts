import { z } from 'zod';
import { AppError } from '../../common/errors/app-error';
import { SelfServiceErrors } from '../../common/errors/clients-errors';
import { bearerRequest } from '../platform/bearer-request';
import type { HttpClient, HttpResponse } from '../platform/http';
import { redact } from '../platform/log';
import type { ApiJwk } from './jwks-merge';

/**
 * HTTP to Digdir's self-service API (oidc_api_admin.md, maskinporten_sjolvbetjening_api.md, reference §4):
 * `GET|POST /clients/`, `GET|PUT /clients/{id}`, `GET|POST /clients/{id}/jwks`, with the admin profile's
 * Maskinporten token as Bearer. The token is sent only in the Authorization header, which http.ts never logs.
 */

/** RFC 7523 JWT bearer, the only grant a Maskinporten client has (oidc_func_clientreg.md). */
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

// The client model as the API returns it. Only the members we use are checked; the rest is kept as it came,
// because PUT replaces the client and must send back what we did not mean to change.
const apiClientSchema = z.looseObject({
  client_id: z.string().min(1),
  client_name: z.string().optional().nullable(),
  description: z.string().optional().nullable(),
  integration_type: z.string().optional().nullable(),
  scopes: z.array(z.string()).optional().nullable(),
  client_orgno: z.string().optional().nullable(),
  created: z.string().optional().nullable(),
  last_updated: z.string().optional().nullable(),
  active: z.boolean().optional().nullable(),
});
export type ApiClient = z.infer<typeof apiClientSchema>;

const apiJwkSchema = z.looseObject({ kid: z.string().min(1), kty: z.string().min(1) });
const apiJwksSchema = z.object({ keys: z.array(apiJwkSchema) });

export interface NewMaskinportenClient {
  client_name: string;
  description: string;
  scopes: string[];
}

export interface SelfServiceApiOptions {
  http: HttpClient;
  /** The environment's `selfService.clientsUrl`, e.g. https://api.test.samarbeid.digdir.no/clients/ */
  clientsUrl: string;
  /** The admin profile's Maskinporten access token. */
  token: string;
  timeoutMs?: number;
  /** Called when the API answers 401, before the error is thrown. */
  onUnauthorized?: () => void;
}

type Method = 'GET' | 'POST' | 'PUT';

export class SelfServiceApi {
  private readonly base: string;

  constructor(private readonly options: SelfServiceApiOptions) {
    this.base = options.clientsUrl.endsWith('/') ? options.clientsUrl : `${options.clientsUrl}/`;
  }

  async listClients(): Promise<ApiClient[]> {
    const body = await this.call('GET', this.base, 'list clients');
    return parse(z.array(apiClientSchema), body, 'the client list');
  }

  async getClient(clientId: string): Promise<ApiClient> {
    const body = await this.call('GET', this.clientUrl(clientId), `read client ${clientId}`);
    return parse(apiClientSchema, body, 'the client');
  }

  /** `POST /clients/` for a Maskinporten client (maskinporten_sjolvbetjening_api.md, reference §4). */
  async createMaskinportenClient(input: NewMaskinportenClient): Promise<ApiClient> {
    const request = {
      integration_type: 'maskinporten',
      client_name: input.client_name,
      description: input.description,
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: [JWT_BEARER],
      scopes: input.scopes,
    };
    const body = await this.call('POST', this.base, 'create a client', request);
    return parse(apiClientSchema, body, 'the created client');
  }

  /** `PUT /clients/{id}` with the whole client model; the integration type cannot change (oidc_api_admin.md). */
  async updateClient(clientId: string, client: ApiClient): Promise<ApiClient> {
    const body = await this.call('PUT', this.clientUrl(clientId), `update client ${clientId}`, client);
    return parse(apiClientSchema, body, 'the updated client');
  }

  /** The client's key set. A 404 here, for a client that exists, is read as "no keys yet". */
  async getJwks(clientId: string): Promise<ApiJwk[]> {
    const body = await this.call('GET', `${this.clientUrl(clientId)}/jwks`, `read the keys of ${clientId}`, undefined, {
      emptyOn404: true,
    });
    if (body === undefined) return [];
    return parse(apiJwksSchema, body, 'the key set').keys;
  }

  /**
   * Replace the client's whole key set ("både POST og PUT erstatter evt. eksisterende JWKS").
   * Returns the set the server answered with, or undefined when it answered without one.
   */
  async replaceJwks(clientId: string, keys: ApiJwk[]): Promise<ApiJwk[] | undefined> {
    const body = await this.call('POST', `${this.clientUrl(clientId)}/jwks`, `write the keys of ${clientId}`, {
      keys,
    });
    const parsed = apiJwksSchema.safeParse(body);
    return parsed.success ? parsed.data.keys : undefined;
  }

  private clientUrl(clientId: string): string {
    return `${this.base}${encodeURIComponent(clientId)}`;
  }

  private async call(
    method: Method,
    url: string,
    what: string,
    json?: unknown,
    options: { emptyOn404?: boolean } = {},
  ): Promise<unknown> {
    const response = await bearerRequest(this.options.http, {
      method,
      url,
      token: this.options.token,
      json,
      timeoutMs: this.options.timeoutMs,
      where: `Digdir self-service API, ${what}`,
      codes: { timeout: SelfServiceErrors.TIMEOUT, unreachable: SelfServiceErrors.UNREACHABLE },
    });
    if (response.status === 404 && options.emptyOn404) return undefined;
    if (response.status === 401) this.options.onUnauthorized?.();
    if (response.status < 200 || response.status > 299) throw apiError(response, what);
    if (response.text.trim() === '') return undefined;
    try {
      return JSON.parse(response.text);
    } catch {
      throw new AppError(
        SelfServiceErrors.BAD_RESPONSE,
        `The self-service API answered ${what} with something not JSON`,
        {
          details: { status: response.status },
        },
      );
    }
  }
}

/** The server's own words, short and redacted: RFC 7591 §3.2.2 errors are `{error, error_description}`. */
function serverSays(text: string): { error?: string; description?: string } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const error = typeof body.error === 'string' ? body.error : undefined;
    const description =
      typeof body.error_description === 'string'
        ? body.error_description
        : typeof body.message === 'string'
          ? body.message
          : undefined;
    return { error, description: description ? redact(description).slice(0, 300) : undefined };
  } catch {
    const trimmed = text.trim();
    return trimmed ? { description: redact(trimmed).slice(0, 300) } : {};
  }
}

export function apiError(response: HttpResponse, what: string): AppError {
  const { error, description } = serverSays(response.text);
  const said = [error, description].filter(Boolean).join(': ');
  const suffix = said ? ` — the API said: ${said}` : '';
  const details = { status: response.status, ...(error ? { error } : {}), ...(description ? { description } : {}) };
  const status = response.status;
  if (status === 401) {
    return new AppError(
      SelfServiceErrors.UNAUTHORIZED,
      `The self-service API refused the admin token (401) to ${what}${suffix}`,
      {
        details,
      },
    );
  }
  if (status === 403) {
    return new AppError(
      SelfServiceErrors.FORBIDDEN_SCOPE,
      `The admin client may not ${what} (403): its token lacks the idporten:dcr.* scope for it, or the client belongs to another organisation${suffix}`,
      { details },
    );
  }
  if (status === 404) {
    return new AppError(SelfServiceErrors.NOT_FOUND, `Not found when trying to ${what} (404)${suffix}`, { details });
  }
  // The limit is checked before every write; this is the server saying it anyway.
  if (
    status === 400 &&
    /\b5\b|max|too many|limit/i.test(description ?? '') &&
    /key|jwk/i.test(`${what} ${description}`)
  ) {
    return new AppError(SelfServiceErrors.KEY_LIMIT, `The self-service API refused the key set${suffix}`, { details });
  }
  if (status >= 500) {
    return new AppError(
      SelfServiceErrors.SERVER_ERROR,
      `The self-service API failed to ${what} (HTTP ${status})${suffix}`,
      {
        details,
      },
    );
  }
  return new AppError(
    SelfServiceErrors.INVALID_REQUEST,
    `The self-service API refused to ${what} (HTTP ${status})${suffix}`,
    {
      details,
    },
  );
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError(
      SelfServiceErrors.BAD_RESPONSE,
      `The self-service API answered with ${what} in an unknown shape`,
      {
        details: { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
      },
    );
  }
  return parsed.data;
}
