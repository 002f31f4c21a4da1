import { join } from 'node:path';
import { z } from 'zod';
import { languageSchema, type UiSettings, viewIdSchema } from '../../common/contract/app';
import { csvSeparatorSchema } from '../../common/schemas/csv-separator';
import { JsonDocumentStore } from '../platform/json-document-store';

const uiSettingsFile = z.object({
  version: z.literal(1),
  language: languageSchema,
  environmentId: z.string().min(1).max(64),
  /** Added after version 1 shipped; optional, so older files still read. */
  csvSeparator: csvSeparatorSchema.optional(),
  /** The task shown last. A name this version does not know (a newer one wrote it) is dropped, not an error. */
  view: viewIdSchema.optional().catch(undefined),
});

/** What the window remembers between starts: language, the chosen environment, the CSV separator and the task. */
export function uiSettingsStore(home: string) {
  const store = new JsonDocumentStore(join(home, 'settings.json'), uiSettingsFile, () => ({
    version: 1 as const,
    language: 'nb' as const,
    environmentId: 'tt02',
  }));
  return {
    async get(): Promise<UiSettings> {
      return toSettings(await store.read());
    },
    async update(change: Partial<UiSettings>): Promise<UiSettings> {
      return toSettings(await store.update((current) => ({ ...current, ...change })));
    },
  };
}

function toSettings({ language, environmentId, csvSeparator, view }: z.infer<typeof uiSettingsFile>): UiSettings {
  return { language, environmentId, ...(csvSeparator ? { csvSeparator } : {}), ...(view ? { view } : {}) };
}
