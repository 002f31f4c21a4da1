import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../common/errors/app-error';
import { fieldPath } from '../../common/schemas/field-path';
import {
  type Profile,
  type ProfileInput,
  type ProfilePatch,
  profileInputSchema,
  profilePatchSchema,
  profileSchema,
} from '../../common/schemas/profile';
import type { EnvironmentSource } from '../environments/environments';
import { fileStampCache } from '../platform/file-stamp-cache';
import { JsonDocumentStore } from '../platform/json-document-store';
import { migrateProfilesFile, PROFILES_FILE_VERSION } from './profiles-file-migrations';

export const ProfileErrors = {
  PROFILE_INVALID: 'PROFILE_INVALID',
  PROFILE_NOT_FOUND: 'PROFILE_NOT_FOUND',
  PROFILE_AMBIGUOUS: 'PROFILE_AMBIGUOUS',
  PROFILE_NAME_TAKEN: 'PROFILE_NAME_TAKEN',
  PROFILE_KEY_NOT_FOUND: 'PROFILE_KEY_NOT_FOUND',
  PROFILE_TEST_ORG_NOT_IN_PRODUCTION: 'PROFILE_TEST_ORG_NOT_IN_PRODUCTION',
} as const;

export type ProfileChange = { type: 'added' | 'updated' | 'removed'; profile: Profile };

export interface ProfileStoreOptions {
  /** `<home>/profiles.json`. */
  file: string;
  environments: Pick<EnvironmentSource, 'get'>;
  /** Whether the key store holds a key with this id (checked when a profile gets a key). */
  keyExists: (keyId: string) => Promise<boolean>;
  now: () => Date;
  newId?: () => string;
}

const profilesFileSchema = z.strictObject({
  version: z.literal(PROFILES_FILE_VERSION),
  profiles: z.array(profileSchema),
});
type ProfilesFile = z.infer<typeof profilesFileSchema>;

export type ProfileStore = ReturnType<typeof createProfileStore>;

/**
 * Named client profiles, one list across environments, kept in a versioned JSON file with atomic writes.
 * Profiles hold no secrets (the key is referenced by id). Changes are serialised, so two concurrent adds
 * with the same name cannot both succeed, and listeners hear of every change (the token service drops its
 * cached tokens for the profile). Reads are served from memory until the file changes, by this process or
 * another (file-stamp-cache.ts): the token service looks a profile up for every Storage request.
 */
export function createProfileStore(options: ProfileStoreOptions) {
  const doc = new JsonDocumentStore<ProfilesFile>(
    options.file,
    profilesFileSchema,
    () => ({ version: PROFILES_FILE_VERSION, profiles: [] }),
    migrateProfilesFile,
  );
  const cache = fileStampCache(options.file, async () => (await doc.read()).profiles);
  const listeners = new Set<(change: ProfileChange) => void>();
  const newId = options.newId ?? (() => randomUUID());
  let queue: Promise<unknown> = Promise.resolve();

  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  }

  function emit(change: ProfileChange): void {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure must not undo a change that is already on disk.
      }
    }
  }

  async function checked(
    input: unknown,
    others: Profile[],
    keyChanged: boolean,
  ): Promise<z.output<typeof profileInputSchema>> {
    const parsed = profileInputSchema.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error);
    const candidate = parsed.data;
    const env = await options.environments.get(candidate.environmentId);
    // Altinn: `?test=true` only acts as ttd for Digdir's org in TT02 (reference §2); never in production.
    if (candidate.testOrg && env.production) {
      throw new AppError(
        ProfileErrors.PROFILE_TEST_ORG_NOT_IN_PRODUCTION,
        `The test org switch (act as ttd) is for test environments only; "${env.name}" is production`,
        { details: { field: 'testOrg', environmentId: env.id } },
      );
    }
    const name = candidate.name.toLocaleLowerCase('nb');
    const clash = others.find(
      (p) => p.environmentId === candidate.environmentId && p.name.toLocaleLowerCase('nb') === name,
    );
    if (clash) {
      throw new AppError(
        ProfileErrors.PROFILE_NAME_TAKEN,
        `A profile named "${clash.name}" already exists in ${env.name}`,
        { details: { field: 'name', existingId: clash.id } },
      );
    }
    if (keyChanged && !(await options.keyExists(candidate.keyId))) {
      throw new AppError(ProfileErrors.PROFILE_KEY_NOT_FOUND, `No key with id "${candidate.keyId}" in the key store`, {
        details: { field: 'keyId', keyId: candidate.keyId },
      });
    }
    return candidate;
  }

  async function read(): Promise<readonly Profile[]> {
    return cache.get();
  }

  /** Changes read the file itself (not the cache) inside the queue, and drop the cache once written. */
  async function write(file: ProfilesFile): Promise<void> {
    try {
      await doc.write(file);
    } finally {
      cache.clear();
    }
  }

  function findById(profiles: readonly Profile[], id: string): Profile {
    const found = profiles.find((p) => p.id === id);
    if (!found) throw new AppError(ProfileErrors.PROFILE_NOT_FOUND, `No profile with id "${id}"`, { details: { id } });
    return found;
  }

  return {
    filePath: options.file,

    async list(environmentId?: string): Promise<Profile[]> {
      const profiles = await read();
      return profiles.filter((p) => !environmentId || p.environmentId === environmentId);
    },

    async get(id: string): Promise<Profile> {
      return findById(await read(), id);
    },

    /** A profile by id, or by its name (case-insensitive) when that is unique (within `environmentId` if given). */
    async find(ref: string, environmentId?: string): Promise<Profile> {
      const profiles = await read();
      const byId = profiles.find((p) => p.id === ref);
      if (byId) return byId;
      const wanted = ref.trim().toLocaleLowerCase('nb');
      const byName = profiles.filter(
        (p) => p.name.toLocaleLowerCase('nb') === wanted && (!environmentId || p.environmentId === environmentId),
      );
      if (byName.length === 1) return byName[0];
      if (byName.length > 1) {
        throw new AppError(
          ProfileErrors.PROFILE_AMBIGUOUS,
          `"${ref}" names profiles in ${byName.map((p) => p.environmentId).join(', ')}; use the profile id or choose the environment`,
          { details: { ids: byName.map((p) => p.id) } },
        );
      }
      throw new AppError(ProfileErrors.PROFILE_NOT_FOUND, `No profile with id or name "${ref}"`, { details: { ref } });
    },

    add(input: ProfileInput): Promise<Profile> {
      return serialised(async () => {
        const current = await doc.read();
        const candidate = await checked(input, current.profiles, true);
        const at = options.now().toISOString();
        const profile: Profile = { ...candidate, id: newId(), createdAt: at, updatedAt: at };
        await write({ ...current, profiles: [...current.profiles, profile] });
        emit({ type: 'added', profile });
        return profile;
      });
    },

    update(id: string, patch: ProfilePatch): Promise<Profile> {
      return serialised(async () => {
        const parsedPatch = profilePatchSchema.safeParse(patch);
        if (!parsedPatch.success) throw invalidInput(parsedPatch.error);
        const current = await doc.read();
        const before = findById(current.profiles, id);
        const { id: _id, createdAt, updatedAt: _updatedAt, ...fields } = before;
        const merged: Record<string, unknown> = { ...fields };
        for (const [key, value] of Object.entries(parsedPatch.data)) {
          if (value === null) delete merged[key];
          else if (value !== undefined) merged[key] = value;
        }
        const others = current.profiles.filter((p) => p.id !== id);
        const candidate = await checked(merged, others, merged.keyId !== before.keyId);
        const profile: Profile = { ...candidate, id, createdAt, updatedAt: options.now().toISOString() };
        await write({ ...current, profiles: current.profiles.map((p) => (p.id === id ? profile : p)) });
        emit({ type: 'updated', profile });
        return profile;
      });
    },

    remove(id: string): Promise<Profile> {
      return serialised(async () => {
        const current = await doc.read();
        const profile = findById(current.profiles, id);
        await write({ ...current, profiles: current.profiles.filter((p) => p.id !== id) });
        emit({ type: 'removed', profile });
        return profile;
      });
    },

    /** Called after every change that reached the disk. Returns the unsubscribe function. */
    onChange(listener: (change: ProfileChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function invalidInput(error: z.ZodError): AppError {
  const problems = error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
  return new AppError(
    ProfileErrors.PROFILE_INVALID,
    problems
      .slice(0, 5)
      .map((p) => (p.field ? `${p.field}: ${p.message}` : p.message))
      .join('; '),
    { details: { fields: problems.map((p) => p.field) } },
  );
}
