/**
 * Which write of the app API or Storage a request is (app-writes.ts): method, path, and what the path names.
 */
export type WriteOp =
  | 'metadata'
  | 'instantiate'
  | 'instantiate-create'
  | 'data-create'
  | 'data-create-obsolete'
  | 'data-put'
  | 'data-delete'
  | 'process-get'
  | 'process-next'
  | 'process-complete'
  | 'substatus'
  | 'presentationtexts'
  | 'datavalues'
  | 'delete';

export interface WriteRoute {
  op: WriteOp;
  via: 'app' | 'storage';
  appId?: string;
  instanceId?: string;
  guid?: string;
  elementId?: string;
  dataType?: string;
}

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const APP = '/([a-z0-9-]+)/([a-z0-9-]+)';
const INSTANCE = `/instances/(\\d+)/(${GUID})`;
/** The write routes: method, path, and what the path names (org/app, partyId/guid, element, data type). */
export const ROUTES: { method: string; pattern: RegExp; build(m: RegExpExecArray): WriteRoute }[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${APP}/api/v1/applicationmetadata$`),
    build: (m) => ({ op: 'metadata', via: 'app', appId: `${m[1]}/${m[2]}` }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${APP}/instances(/create)?$`),
    build: (m) => ({ op: m[3] ? 'instantiate-create' : 'instantiate', via: 'app', appId: `${m[1]}/${m[2]}` }),
  },
  { method: 'DELETE', pattern: new RegExp(`^${APP}${INSTANCE}$`), build: (m) => ({ op: 'delete', ...onApp(m) }) },
  {
    method: 'PUT',
    pattern: new RegExp(`^${APP}${INSTANCE}/substatus$`),
    build: (m) => ({ op: 'substatus', ...onApp(m) }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${APP}${INSTANCE}/data$`),
    build: (m) => ({ op: 'data-create-obsolete', ...onApp(m) }),
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^${APP}${INSTANCE}/data/(${GUID})(?:/type/([^/]+))?$`),
    build: (m) => ({ op: 'data-put', ...onApp(m), elementId: m[5], dataType: m[6] }),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${APP}${INSTANCE}/data/(${GUID})$`),
    build: (m) => ({ op: 'data-delete', ...onApp(m), elementId: m[5] }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${APP}${INSTANCE}/data/(?:type/)?([^/]+)$`),
    build: (m) => ({ op: 'data-create', ...onApp(m), dataType: decodeURIComponent(m[5] as string) }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${APP}${INSTANCE}/process$`),
    build: (m) => ({ op: 'process-get', ...onApp(m) }),
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^${APP}${INSTANCE}/process/next$`),
    build: (m) => ({ op: 'process-next', ...onApp(m) }),
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^${APP}${INSTANCE}/process/completeProcess$`),
    build: (m) => ({ op: 'process-complete', ...onApp(m) }),
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/storage/api/v1${INSTANCE}/(substatus|presentationtexts|datavalues)$`),
    build: (m) => ({ op: m[3] as WriteOp, ...onStorage(m) }),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/storage/api/v1${INSTANCE}$`),
    build: (m) => ({ op: 'delete', ...onStorage(m) }),
  },
];

function onApp(m: RegExpExecArray) {
  return { via: 'app' as const, appId: `${m[1]}/${m[2]}`, instanceId: `${m[3]}/${m[4]}`, guid: m[4] };
}

function onStorage(m: RegExpExecArray) {
  return { via: 'storage' as const, instanceId: `${m[1]}/${m[2]}`, guid: m[2] };
}

export function matchWriteRoute(method: string, path: string): WriteRoute | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return route.build(m);
  }
  return undefined;
}
