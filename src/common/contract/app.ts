import { z } from 'zod';
import { type CsvSeparator, csvSeparatorSchema } from '../schemas/csv-separator';
import { channel } from './define';

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  home: string;
  keychain: { available: boolean; detail?: string };
  electron?: string;
  node: string;
}

export interface EnvironmentSummary {
  id: string;
  name: string;
  production: boolean;
  custom: boolean;
  maskinporten: { issuer: string; tokenEndpoint: string; wellKnown?: string };
  altinn: {
    exchangeUrl: string;
    storageBase: string;
    appBase: string;
    /** Altinn's authentication API (system register, system-user requests), e.g. https://platform.tt02.altinn.no/authentication/api/v1 */
    authenticationApi?: string;
    /** Altinn Events, e.g. https://platform.tt02.altinn.no/events/api/v1 (default: beside Storage, events-host.ts). */
    eventsApi?: string;
  };
  selfService?: { clientsUrl: string; samarbeidsportalen: string };
  /** A custom environment that reuses a preset's issuer or a production host (environment-warnings.ts). */
  warnings?: EnvironmentWarning[];
}

export type EnvironmentWarning =
  | { code: 'preset-issuer'; presetId: string; presetName: string; tokenHost?: string }
  | { code: 'production-host'; host: string };

export const languageSchema = z.enum(['nb', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** The window's tasks (src/browser/features/views.ts); the window opens on the one last shown. */
export const viewIdSchema = z.enum([
  'keys',
  'profiles',
  'clients',
  'systems',
  'token',
  'instances',
  'downloads',
  'intake',
  'send',
  'events',
]);
export type ViewId = z.infer<typeof viewIdSchema>;

export interface UiSettings {
  language: Language;
  environmentId: string;
  /** The task shown last: the window opens on it (a first start opens on Nøkler, where setting up begins). */
  view?: ViewId;
  /** The CSV separator used for the last export (instances:export-csv); `;` until one is chosen. */
  csvSeparator?: CsvSeparator;
}

export const appChannels = {
  'app:info': channel<AppInfo>()(z.undefined()),
  'environments:list': channel<EnvironmentSummary[]>()(z.undefined()),
  'settings:get': channel<UiSettings>()(z.undefined()),
  'settings:update': channel<UiSettings>()(
    z.strictObject({
      language: languageSchema.optional(),
      environmentId: z.string().min(1).max(64).optional(),
      csvSeparator: csvSeparatorSchema.optional(),
      view: viewIdSchema.optional(),
    }),
  ),
  'shell:open-external': channel<{ opened: boolean }>()(z.strictObject({ url: z.string().url().max(2048) })),
};
