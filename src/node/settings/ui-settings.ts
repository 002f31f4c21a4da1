import { join } from 'node:path';
import { z } from 'zod';
import { languageSchema, type UiSettings } from '../../common/contract/app';
import { JsonDocumentStore } from '../platform/json-document-store';

const uiSettingsFile = z.object({
  version: z.literal(1),
  language: languageSchema,
  environmentId: z.string().min(1).max(64),
});

/** What the window remembers between starts: language and the chosen environment. */
export function uiSettingsStore(home: string) {
  const store = new JsonDocumentStore(join(home, 'settings.json'), uiSettingsFile, () => ({
    version: 1 as const,
    language: 'nb' as const,
    environmentId: 'tt02',
  }));
  return {
    async get(): Promise<UiSettings> {
      const { language, environmentId } = await store.read();
      return { language, environmentId };
    },
    async update(change: Partial<UiSettings>): Promise<UiSettings> {
      const next = await store.update((current) => ({ ...current, ...change }));
      return { language: next.language, environmentId: next.environmentId };
    },
  };
}
