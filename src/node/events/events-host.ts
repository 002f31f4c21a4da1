import { AppError } from '../../common/errors/app-error';
import { EventsErrors } from '../../common/errors/events-errors';
import type { Environment } from '../environments/environments';

/**
 * Where an environment's Altinn Events API is: its `altinn.eventsApi`, else beside its Storage — Events and
 * Storage are both on the platform host, `https://platform.{env}/events/api/v1` and `…/storage/api/v1`
 * (shared/reference/maskinporten-altinn.md §3.1, §3.5, §3.8). No trailing slash.
 */
export function eventsApiBase(env: Environment): string {
  if (env.altinn.eventsApi) return env.altinn.eventsApi.replace(/\/+$/, '');
  const match = /^(.*)\/storage\/api\/v1\/?$/.exec(env.altinn.storageBase);
  if (match) return `${match[1]}/events/api/v1`;
  throw new AppError(
    EventsErrors.NOT_CONFIGURED,
    `Environment "${env.name}" has no altinn.eventsApi, and its Storage address does not show where Altinn Events is`,
    { details: { environmentId: env.id } },
  );
}
