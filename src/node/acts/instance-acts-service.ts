import type { Language } from '../../common/contract/app';
import type {
  ActInstanceView,
  AppMetadataView,
  CreatedInstanceView,
  DataWriteResult,
  FileFacts,
  OwnerKind,
  ProcessView,
} from '../../common/contract/instance-acts';
import { ActErrors } from '../../common/errors/act-errors';
import { AppError } from '../../common/errors/app-error';
import type { Instance } from '../../common/schemas/instance-types';
import type { Profile } from '../../common/schemas/profile';
import type { Environment } from '../environments/environments';
import { confirmInMainOrRefuse } from '../platform/confirm-in-main';
import type { Desktop } from '../platform/desktop';
import type { Logger } from '../platform/log';
import type { StorageContext } from '../storage/storage-context';
import { type ActChange, actChangeToConfirm } from './act-confirm';
import type { ActWorld } from './act-world';
import { type AppMetadataSource, appMetadataView } from './app-metadata';
import { createInstance } from './create-instance';
import { addData, deleteData, replaceData } from './data-writes';
import { inspectFile, readDataPart, readPrefillFile } from './file-parts';
import { deleteInstance, setInstanceTexts, setSubstatus } from './instance-metadata-writes';
import { actInstanceView } from './instance-view';
import {
  checkCounts,
  checkDate,
  checkOwner,
  checkPart,
  checkPrefill,
  checkTexts,
  checkWriteScope,
  type DataPart,
} from './local-checks';
import { completeProcess, getProcess, processNext } from './process-writes';

export interface InstanceActsDeps {
  getProfile(id: string): Promise<Profile>;
  storageFor(profileId: string): Promise<StorageContext>;
  metadata: AppMetadataSource;
  desktop: Desktop;
  language(): Promise<Language>;
  logger?: Logger;
  now(): Date;
}

/** How a write is confirmed besides `confirmProduction`: the GUI's handlers ask main's own question too. */
export interface WriteOptions {
  /** Show main's own question (Desktop.confirmInMain) before a write in Production. */
  confirmInMain?: boolean;
}

export interface OnInstance {
  profileId: string;
  appId: string;
  instanceId: string;
  confirmProduction?: boolean;
}

/**
 * Acting on one instance as the service owner, for the window and `mpd` (issue 19): the plain writes of
 * src/node/acts/ with a profile's client, its files read from their paths, the profile's write scope checked,
 * and every write in Production confirmed — by `confirmProduction` (the window's first yes, or the CLI's
 * --confirm-production), and for the window also by main's own question.
 *
 * Order in every write: the values the person gave (owner checksum, prefill, dates, files) → the profile's
 * scope → Production's yes → the app's metadata (one anonymous, cached GET) and the checks against it →
 * main's question → the write. A refusal anywhere before the write sends no write.
 */
export function createInstanceActsService(deps: InstanceActsDeps) {
  async function session(profileId: string, write: boolean, confirmProduction?: boolean) {
    const profile = await deps.getProfile(profileId);
    if (write) checkWriteScope(profile);
    const { client, environment } = await deps.storageFor(profileId);
    if (write && environment.production && confirmProduction !== true) {
      throw new AppError(
        ActErrors.PRODUCTION_CONFIRM_REQUIRED,
        `This changes an instance in ${environment.name}; confirm the production write first`,
        { details: { outcome: 'not-sent', environmentId: environment.id } },
      );
    }
    const world: ActWorld = { api: client, metadata: deps.metadata, now: deps.now };
    return { profile, client, environment, world };
  }

  /**
   * Main's own yes before a write in Production (the window's handlers only; the CLI's yes is its flag), in the
   * shape of every question main asks (confirm-in-main.ts); a no is CHANGE_NOT_CONFIRMED, nothing sent.
   */
  async function askMain(
    options: WriteOptions | undefined,
    environment: Environment,
    where: { appId: string; instanceId?: string },
    change: ActChange,
  ): Promise<void> {
    if (!options?.confirmInMain || !environment.production) return;
    await confirmInMainOrRefuse(
      { desktop: deps.desktop, language: deps.language, logger: deps.logger },
      actChangeToConfirm(environment, where, change),
    );
  }

  async function metadataOf(world: ActWorld, appId: string) {
    return world.metadata.get(world.api.appBase(appId), appId);
  }

  function elementOf(instance: Instance, elementId: string) {
    const v = actInstanceView(instance);
    const element = v.data.find((d) => d.id === elementId);
    if (!element) {
      throw new AppError(ActErrors.ELEMENT_NOT_FOUND, `Altinn's answer does not list element ${elementId}`, {
        details: { outcome: 'unknown' },
      });
    }
    return { instance: v, element };
  }

  return {
    async appMetadata(profileId: string, appId: string): Promise<AppMetadataView> {
      const { client } = await deps.storageFor(profileId);
      return appMetadataView(await deps.metadata.get(client.appBase(appId), appId));
    },

    /**
     * From the app API, as the instance details read it (its InstanceResponse carries the status, texts and
     * values too), Storage the fallback (issue 18, point 5).
     */
    async instance(profileId: string, appId: string, instanceId: string): Promise<ActInstanceView> {
      const { client } = await deps.storageFor(profileId);
      return actInstanceView(await client.getInstanceFromApp(appId, instanceId));
    },

    async create(
      input: {
        profileId: string;
        appId: string;
        owner: { kind: OwnerKind; value: string };
        prefill?: Record<string, unknown>;
        files?: { dataType: string; path: string; contentType?: string }[];
        visibleAfter?: string;
        dueBefore?: string;
        confirmProduction?: boolean;
      },
      options?: WriteOptions,
    ): Promise<CreatedInstanceView> {
      const owner = checkOwner(input.owner);
      const prefill = input.prefill === undefined ? undefined : checkPrefill(input.prefill);
      checkDate(input.visibleAfter, 'visibleAfter');
      checkDate(input.dueBefore, 'dueBefore');
      const files: DataPart[] = [];
      for (const f of input.files ?? []) files.push(await readDataPart(f.path, f.dataType, f.contentType));
      const { world, environment } = await session(input.profileId, true, input.confirmProduction);
      if (files.length > 0) {
        const metadata = await metadataOf(world, input.appId);
        checkCounts(
          metadata,
          files.map((f) => checkPart(metadata, f)),
        );
      }
      await askMain(
        options,
        environment,
        { appId: input.appId },
        {
          kind: 'create',
          owner,
          files: files.map((f) => `${f.filename} (${f.dataType})`),
          prefillCount: Object.keys(prefill ?? {}).length,
        },
      );
      const created = await createInstance(world, {
        appId: input.appId,
        owner,
        prefill,
        parts: files,
        visibleAfter: input.visibleAfter,
        dueBefore: input.dueBefore,
      });
      return { instance: actInstanceView(created.instance), party: created.party, parts: created.parts };
    },

    async addData(
      input: OnInstance & { dataType: string; path: string; contentType?: string },
      options?: WriteOptions,
    ): Promise<DataWriteResult> {
      const part = await readDataPart(input.path, input.dataType, input.contentType);
      const { world, environment, client } = await session(input.profileId, true, input.confirmProduction);
      const metadata = await metadataOf(world, input.appId);
      const checked = checkPart(metadata, part);
      const current = await client.getInstance(input.instanceId);
      checkCounts(metadata, [checked], current.data ?? []);
      await askMain(options, environment, input, {
        kind: 'data-add',
        filename: part.filename,
        dataType: part.dataType,
      });
      const added = await addData(world, {
        appId: input.appId,
        instanceId: input.instanceId,
        part: checked,
        checked: true,
      });
      return elementOf(added.instance, added.elementId);
    },

    async replaceData(
      input: OnInstance & { elementId: string; path: string; contentType?: string },
      options?: WriteOptions,
    ): Promise<DataWriteResult> {
      const { world, environment, client } = await session(input.profileId, true, input.confirmProduction);
      const current = await client.getInstance(input.instanceId);
      const old = (current.data ?? []).find((d) => d.id === input.elementId);
      if (!old) {
        throw new AppError(ActErrors.ELEMENT_NOT_FOUND, `${input.instanceId} has no element ${input.elementId}`, {
          details: { outcome: 'not-sent' },
        });
      }
      const part = await readDataPart(input.path, old.dataType ?? '', input.contentType);
      checkPart(await metadataOf(world, input.appId), part);
      await askMain(options, environment, input, {
        kind: 'data-replace',
        elementId: input.elementId,
        filename: part.filename,
        dataType: part.dataType,
      });
      await replaceData(world, { appId: input.appId, instanceId: input.instanceId, elementId: input.elementId, part });
      return elementOf(await client.getInstance(input.instanceId), input.elementId);
    },

    async deleteData(input: OnInstance & { elementId: string }, options?: WriteOptions): Promise<ActInstanceView> {
      const { world, environment } = await session(input.profileId, true, input.confirmProduction);
      await askMain(options, environment, input, { kind: 'data-delete', elementId: input.elementId });
      return actInstanceView(await deleteData(world, input));
    },

    async process(input: { profileId: string; appId: string; instanceId: string }): Promise<ProcessView> {
      const { world } = await session(input.profileId, false);
      return getProcess(world, input);
    },

    async processNext(input: OnInstance & { action?: string }, options?: WriteOptions): Promise<ProcessView> {
      const { world, environment, client } = await session(input.profileId, true, input.confirmProduction);
      if (options?.confirmInMain && environment.production) {
        const task = (await client.getInstance(input.instanceId)).process?.currentTask?.elementId ?? null;
        await askMain(options, environment, input, { kind: 'process-next', task, action: input.action });
      }
      return processNext(world, input);
    },

    async processComplete(input: OnInstance, options?: WriteOptions): Promise<ProcessView> {
      const { world, environment, client } = await session(input.profileId, true, input.confirmProduction);
      if (options?.confirmInMain && environment.production) {
        const task = (await client.getInstance(input.instanceId)).process?.currentTask?.elementId ?? null;
        await askMain(options, environment, input, { kind: 'process-complete', task });
      }
      return completeProcess(world, input);
    },

    /**
     * What the user and the owner see: the substatus through the app (it sends app.instance.substatus.changed),
     * then the presentation texts and data values in Storage — one write each, in that order.
     */
    async updateStatus(
      input: OnInstance & {
        substatus?: { label: string; description?: string };
        presentationTexts?: Record<string, string>;
        dataValues?: Record<string, string>;
      },
      options?: WriteOptions,
    ): Promise<ActInstanceView> {
      if (input.substatus && input.substatus.label.trim() === '') {
        throw new AppError(ActErrors.TEXTS_INVALID, 'The substatus label is empty; Altinn needs one', {
          details: { outcome: 'not-sent', field: 'substatus' },
        });
      }
      const texts = checkTexts(input.presentationTexts, 'presentation texts');
      const values = checkTexts(input.dataValues, 'data values');
      const nothing =
        !input.substatus && Object.keys(texts ?? {}).length === 0 && Object.keys(values ?? {}).length === 0;
      if (nothing) {
        throw new AppError(ActErrors.NOTHING_TO_CHANGE, 'Give a substatus, presentation texts or data values', {
          details: { outcome: 'not-sent' },
        });
      }
      const { world, environment } = await session(input.profileId, true, input.confirmProduction);
      await askMain(options, environment, input, {
        kind: 'status',
        substatus: input.substatus?.label,
        texts: Object.keys(texts ?? {}),
        values: Object.keys(values ?? {}),
      });
      let instance: Instance | undefined;
      const on = { appId: input.appId, instanceId: input.instanceId };
      if (input.substatus) {
        instance = await setSubstatus(world, {
          ...on,
          label: input.substatus.label,
          description: input.substatus.description || undefined,
        });
      }
      if (texts && Object.keys(texts).length) {
        instance = await setInstanceTexts(world, { ...on, kind: 'presentationTexts', map: texts });
      }
      if (values && Object.keys(values).length) {
        instance = await setInstanceTexts(world, { ...on, kind: 'dataValues', map: values });
      }
      return actInstanceView(instance as Instance);
    },

    /** Soft by default; hard only with `hardConfirmed` — a second, separate yes (it cannot be undone). */
    async delete(input: OnInstance & { hard: boolean; hardConfirmed?: boolean }, options?: WriteOptions) {
      if (input.hard && input.hardConfirmed !== true) {
        throw new AppError(
          ActErrors.HARD_DELETE_NOT_CONFIRMED,
          'A permanent (hard) delete needs its own explicit confirmation',
          { details: { outcome: 'not-sent' } },
        );
      }
      const { world, environment } = await session(input.profileId, true, input.confirmProduction);
      await askMain(options, environment, input, { kind: 'delete', hard: input.hard });
      return actInstanceView(await deleteInstance(world, input));
    },

    inspectFile(path: string, contentType?: string): Promise<FileFacts> {
      return inspectFile(path, contentType);
    },

    readPrefill(path: string): Promise<Record<string, string>> {
      return readPrefillFile(path);
    },
  };
}

export type InstanceActsService = ReturnType<typeof createInstanceActsService>;
