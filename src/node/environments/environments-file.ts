import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { EnvironmentSummary } from '../../common/contract/app';
import { AppError } from '../../common/errors/app-error';
import { fieldPath } from '../../common/schemas/field-path';
import { endpointUrlProblem } from '../platform/endpoint-url';

export const ENVIRONMENTS_FILE_INVALID = 'ENVIRONMENTS_FILE_INVALID';

// Custom environments point at Altinn's own test environments (at22, yt01, …) or a local fake, so plain
// http is allowed on loopback; everything else must be https (issue 5, item 1).
const endpoint = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = endpointUrlProblem(value, { allowLoopbackHttp: true });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

// The app API base is a template: `https://{org}.apps.tt02.altinn.no/{org}/{app}` (reference §3.1).
const appBaseTemplate = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    if (!value.includes('{app}') || !value.includes('{org}')) {
      ctx.addIssue({ code: 'custom', message: 'must contain the placeholders {org} and {app}' });
      return;
    }
    const sample = value.replaceAll('{org}', 'org').replaceAll('{app}', 'app');
    const problem = endpointUrlProblem(sample, { allowLoopbackHttp: true });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const customEnvironmentSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes (at most 64), e.g. "local"'),
  name: z.string().trim().min(1, 'must not be empty').max(80),
  // Required on purpose: production is what makes the window red and asks before writes.
  production: z.boolean(),
  maskinporten: z.strictObject({
    issuer: endpoint,
    tokenEndpoint: endpoint,
    wellKnown: endpoint.optional(),
  }),
  altinn: z.strictObject({
    exchangeUrl: endpoint,
    storageBase: endpoint,
    appBase: appBaseTemplate,
    /** Default: the exchange URL's `…/authentication/api/v1` part (docs/system-vendors.md). */
    authenticationApi: endpoint.optional(),
    /** Default: Storage's `…/storage/api/v1` with `events` for `storage` (src/node/events/events-host.ts). */
    eventsApi: endpoint.optional(),
  }),
  selfService: z.strictObject({ clientsUrl: endpoint, samarbeidsportalen: endpoint }).optional(),
});

const environmentsFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  environments: z.array(customEnvironmentSchema).max(50),
});

/**
 * Read `<home>/environments.json`. A missing file means no custom environments; a bad one is an
 * AppError naming the file and the field at fault (the file is never rewritten by the app).
 */
export async function readCustomEnvironments(
  path: string,
  reservedIds: readonly string[],
): Promise<EnvironmentSummary[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw invalid(path, `cannot be read: ${(error as Error).message}`, []);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalid(path, `is not valid JSON: ${(error as Error).message}`, []);
  }
  const parsed = environmentsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      field: fieldPath(issue.path),
      message: issueMessage(issue),
    }));
    throw invalid(
      path,
      problems
        .slice(0, 5)
        .map((p) => (p.field ? `${p.field}: ${p.message}` : p.message))
        .join('; '),
      problems.map((p) => p.field),
    );
  }
  const seen = new Set<string>();
  const result: EnvironmentSummary[] = [];
  for (const [index, env] of parsed.data.environments.entries()) {
    const field = `environments[${index}].id`;
    if (reservedIds.includes(env.id)) {
      throw invalid(path, `${field}: "${env.id}" is a built-in environment; choose another id`, [field]);
    }
    if (seen.has(env.id)) throw invalid(path, `${field}: "${env.id}" is used twice`, [field]);
    seen.add(env.id);
    result.push({
      id: env.id,
      name: env.name,
      production: env.production,
      custom: true,
      maskinporten: { ...env.maskinporten },
      altinn: { ...env.altinn },
      ...(env.selfService ? { selfService: { ...env.selfService } } : {}),
    });
  }
  return result;
}

function invalid(path: string, message: string, fields: string[]): AppError {
  return new AppError(ENVIRONMENTS_FILE_INVALID, `${path}: ${message}`, { details: { path, fields } });
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}
