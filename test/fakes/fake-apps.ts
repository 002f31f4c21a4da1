/**
 * The apps and parties the fake app API knows (shared/reference/maskinporten-altinn.md §3.7): each app's
 * metadata (data types with their limits, partyTypesAllowed), its process (tasks and their types) and what
 * its XACML policy gives the app owner. An app nobody defined is Altinn's template app.
 */

export interface FakeDataType {
  id: string;
  allowedContentTypes?: string[] | null;
  /** MB; null = no limit (storage DataType.cs). */
  maxSize?: number | null;
  /** ≤ 0 = unbounded. */
  maxCount?: number;
  minCount?: number;
  taskId?: string | null;
  appLogic?: {
    autoCreate?: boolean;
    classRef?: string;
    disallowUserCreate?: boolean;
    disallowUserDelete?: boolean;
  } | null;
  enableFileScan?: boolean;
}

export type FakeTaskType = 'data' | 'confirmation' | 'feedback' | 'signing' | 'payment' | 'pdf';

export interface FakeTask {
  id: string;
  type: FakeTaskType;
  name?: string;
  /** The task's `altinn:actions` in the BPMN (read and write are always evaluated besides). */
  actions?: string[];
}

export interface FakePartyTypesAllowed {
  bankruptcyEstate?: boolean;
  organisation?: boolean;
  person?: boolean;
  subUnit?: boolean;
}

export interface FakeAppDefinition {
  /** `org/app` */
  id: string;
  title?: Record<string, string>;
  dataTypes: FakeDataType[];
  partyTypesAllowed?: FakePartyTypesAllowed;
  /** The tasks in order; the process ends after the last one (EndEvent_1). */
  process: FakeTask[];
  /**
   * What the app's policy gives the app owner (the org of the app). The template policy gives read, write,
   * instantiate and complete — no delete, no confirm (template src/App/config/authorization/policy.xml).
   */
  ownerActions?: string[];
  /** `AppSettings.RegisterEventsWithEventsComponent` (off in Altinn by default; the fake's apps have it on). */
  registerEvents?: boolean;
  preventInstanceDeletionForDays?: number;
}

export const TEMPLATE_OWNER_ACTIONS = ['read', 'write', 'instantiate', 'complete'];

/**
 * Altinn's template app (template src/App/config/applicationmetadata.json, §3.7 "Application metadata"):
 * `ref-data-as-pdf` (pdf, maxCount 0) and `model` (xml, classRef, autoCreate in Task_1, min = max = 1).
 */
export function templateApp(id: string): FakeAppDefinition {
  return {
    id,
    title: { nb: id.split('/')[1] ?? id },
    dataTypes: [
      { id: 'ref-data-as-pdf', allowedContentTypes: ['application/pdf'], maxCount: 0, minCount: 0 },
      {
        id: 'model',
        allowedContentTypes: ['application/xml'],
        appLogic: { autoCreate: true, classRef: 'Altinn.App.Models.Model' },
        taskId: 'Task_1',
        maxCount: 1,
        minCount: 1,
      },
    ],
    partyTypesAllowed: { bankruptcyEstate: false, organisation: false, person: false, subUnit: false },
    process: [{ id: 'Task_1', type: 'data', name: 'Utfylling' }],
    ownerActions: TEMPLATE_OWNER_ACTIONS,
    registerEvents: true,
  };
}

/** The application metadata JSON of an app, as `GET {appBase}/api/v1/applicationmetadata` answers it. */
export function applicationMetadataJson(app: FakeAppDefinition): Record<string, unknown> {
  const [org] = app.id.split('/');
  const types = app.partyTypesAllowed ?? {};
  return {
    id: app.id,
    org,
    title: app.title ?? { nb: app.id },
    dataTypes: app.dataTypes.map((d) => ({
      id: d.id,
      allowedContentTypes: d.allowedContentTypes ?? null,
      allowedContributors: null,
      appLogic: d.appLogic
        ? {
            autoCreate: d.appLogic.autoCreate ?? false,
            classRef: d.appLogic.classRef ?? null,
            disallowUserCreate: d.appLogic.disallowUserCreate ?? false,
            disallowUserDelete: d.appLogic.disallowUserDelete ?? false,
          }
        : null,
      taskId: d.taskId ?? null,
      maxSize: d.maxSize ?? null,
      maxCount: d.maxCount ?? 0,
      minCount: d.minCount ?? 0,
      grouping: null,
      enablePdfCreation: true,
      enableFileScan: d.enableFileScan ?? false,
      validationErrorOnPendingFileScan: false,
    })),
    partyTypesAllowed: {
      bankruptcyEstate: types.bankruptcyEstate ?? false,
      organisation: types.organisation ?? false,
      person: types.person ?? false,
      subUnit: types.subUnit ?? false,
    },
    autoDeleteOnProcessEnd: false,
    presentationFields: null,
    dataFields: null,
    onEntry: null,
    copyInstanceSettings: null,
    apiScopes: null,
    disallowUserInstantiation: false,
    preventInstanceDeletionForDays: app.preventInstanceDeletionForDays ?? null,
    created: '2025-01-01T00:00:00Z',
    createdBy: 'altinn',
    lastChanged: '2025-01-01T00:00:00Z',
    lastChangedBy: 'altinn',
  };
}

/** A party in Register: `partyTypeName` 1 person, 2 organisation, 3 self-identified. */
export interface FakeParty {
  partyId: number;
  partyTypeName: 1 | 2 | 3;
  name: string;
  orgNumber?: string;
  ssn?: string;
  /** `AS`, `BEDR`, `AAFY`, `KBO`, … (organisations only). */
  unitType?: string;
  isDeleted?: boolean;
}

/**
 * `InstantiationHelper.IsPartyAllowedToInstantiate` (app-lib Altinn.App.Core/Helpers/InstantiationHelper.cs:92-160):
 * all four flags false lets everyone in; a person needs `person`; an organisation needs `organisation`, a
 * BEDR/AAFY sub-unit `subUnit`, a KBO bankruptcy estate `bankruptcyEstate`.
 */
export function partyAllowed(party: FakeParty, allowed: FakePartyTypesAllowed | undefined): boolean {
  const a = allowed ?? {};
  if (!a.bankruptcyEstate && !a.organisation && !a.person && !a.subUnit) return true;
  if (party.partyTypeName === 1) return Boolean(a.person);
  if (party.partyTypeName === 2) {
    if (party.unitType === 'BEDR' || party.unitType === 'AAFY') return Boolean(a.subUnit);
    if (party.unitType === 'KBO') return Boolean(a.bankruptcyEstate);
    return Boolean(a.organisation);
  }
  return false;
}
