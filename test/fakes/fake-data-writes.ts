import type { FakeElement, FakeInstance } from './altinn-storage';
import { type Ctx, type FakeAppWrites, orgNumberOf } from './app-writes';
import type { FakeAppDefinition, FakeDataType } from './fake-apps';
import {
  fileNameFromDisposition,
  type Problem,
  parseForm,
  restrictionIssue,
  storageFileName,
} from './fake-upload-rules';

/**
 * Data elements through the app (app-lib Altinn.App.Api/Controllers/DataController.cs,
 * Altinn.App.Core/Internal/Data/DataElementAccessChecker.cs; §3.7 "Data elements via the app"), with
 * Storage's side of each upload (FakeAltinnStorage.stampElement).
 */

const MAX_BODY = 64 * 1024 * 1024;

export async function dataCreate(w: FakeAppWrites, ctx: Ctx, obsolete: boolean) {
  const { answer } = ctx;
  const app = w.app(ctx.route.appId as string);
  const dataTypeId = obsolete ? ctx.url.searchParams.get('dataType') : (ctx.route.dataType as string);
  if (obsolete && !dataTypeId) {
    return answer.json(400, {
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { dataType: ['The dataType field is required.'] },
    });
  }
  // [Authorize(Policy = POLICY_INSTANCE_WRITE)]: a refused PEP is a 403 with an empty body.
  if (!w.allows(ctx.who, app, 'write')) return answer.empty(403);
  const problem = createProblem(w, ctx, app, dataTypeId as string);
  if ('problem' in problem) return dataProblem(ctx, problem.problem, obsolete);
  const { instance, type } = problem;
  const headers = ctx.req.headers;
  const contentType = headers['content-type'];
  let filename: string | null = null;
  if (type.appLogic?.classRef) {
    const parsed = parseForm(contentType, ctx.body);
    if (parsed) return dataProblem(ctx, parsed, obsolete);
  } else {
    const issue = restrictionIssue(headers, type);
    if (issue) {
      const issues = [{ ...issue, severity: 1, source: 'DataRestrictionValidation', noIncrementalUpdates: false }];
      if (obsolete) return answer.text(400, issues.map((i) => i.description).join(';'));
      return answer.json(400, {
        title: 'File validation failed',
        detail: 'Common checks failed',
        status: 400,
        uploadValidationIssues: issues,
      });
    }
    if (!contentType) {
      return dataProblem(
        ctx,
        { title: 'Missing content type', detail: 'The request is missing a content type header.', status: 400 },
        obsolete,
      );
    }
    if (type.maxSize != null && ctx.body.length > type.maxSize * 1024 * 1024) {
      return dataProblem(
        ctx,
        {
          title: 'Request too large',
          detail: `The request body is too large. The content length is ${ctx.body.length} bytes, which exceeds the limit of ${type.maxSize} MB`,
          status: 413,
        },
        obsolete,
      );
    }
    if (ctx.body.length === 0) {
      return dataProblem(
        ctx,
        { title: 'Invalid data', detail: 'Invalid data provided. Error: The file is zero bytes.', status: 400 },
        obsolete,
      );
    }
    filename = fileNameFromDisposition(headers['content-disposition']);
  }
  const element = w.storage.stampElement(instance, {
    dataType: type.id,
    filename: storageFileName(filename),
    contentType: type.appLogic?.classRef ? 'application/xml' : (contentType as string),
    bytes: ctx.body,
    at: ctx.now,
    by: orgNumberOf(ctx.who),
    fileScan: Boolean(type.enableFileScan),
  });
  w.actedState(instance).lastChangedBy = orgNumberOf(ctx.who);
  w.storageEvent(instance, ctx, 'Created', element.id);
  const json = w.instanceJson(instance, ctx) as { data: { id: string }[] };
  const elementJson = json.data.find((d) => d.id === element.id);
  if (obsolete) {
    answer.header('Location', `${w.storage.url}/${app.id}/instances/${instance.id}/data/${element.id}`);
    return answer.json(201, elementJson);
  }
  // DataPostResponse (DataController.cs:171-204).
  return answer.json(200, {
    instance: json,
    newDataElementId: element.id,
    newDataModels: [],
    validationIssues: [],
  });
}

/** The checks of create, in order (DataController.cs:207-260, DataElementAccessChecker.cs:95-200). */
export function createProblem(
  w: FakeAppWrites,
  ctx: Ctx,
  app: FakeAppDefinition,
  dataTypeId: string,
): { problem: Problem } | { instance: FakeInstance; type: FakeDataType } {
  const instance = w.appInstance(ctx);
  if (!instance) return { problem: instanceNotFound(ctx.route.instanceId as string) };
  const type = app.dataTypes.find((d) => d.id === dataTypeId);
  if (!type) {
    return {
      problem: {
        title: 'Data Type Not Found',
        detail: `Could not find the specified data type: "${dataTypeId}" in applicationmetadata.json`,
        status: 400,
      },
    };
  }
  const mutation = mutationProblem(w, instance, type);
  if (mutation) return { problem: mutation };
  const existing = instance.elements.filter((e) => (e.spec.dataType ?? 'attachment') === type.id).length;
  if ((type.maxCount ?? 0) > 0 && existing >= (type.maxCount as number)) {
    return {
      problem: {
        title: 'Max Count Exceeded',
        detail: `Cannot create more than ${type.maxCount} data elements of type ${type.id}`,
        status: 409,
      },
    };
  }
  if (!w.actedState(instance).process.currentTask) {
    return {
      problem: {
        title: 'No current task',
        detail: 'Cannot create data element without a current task',
        status: 409,
      },
    };
  }
  return { instance, type };
}

/** Common checks of create, update and delete (DataElementAccessChecker.cs:95-155). */
export function mutationProblem(w: FakeAppWrites, instance: FakeInstance, type: FakeDataType): Problem | undefined {
  if (type.id.toLowerCase() === 'ref-data-as-pdf') {
    return { title: 'Forbidden', detail: `Data element of type ${type.id} cannot be modified`, status: 403 };
  }
  const s = w.actedState(instance).status;
  if (s.archived || s.softDeleted || s.hardDeleted) {
    return {
      title: 'Instance Not Active',
      detail: `Cannot update data element of archived or deleted instance ${instance.id}`,
      status: 409,
    };
  }
  return undefined;
}

/** The obsolete route answers 400s as plain text, the new one as ProblemDetails (DataController.cs:102-157). */
export function dataProblem(ctx: Ctx, problem: Problem, obsolete: boolean) {
  if (obsolete && problem.status === 400) return ctx.answer.text(400, problem.detail ?? problem.title ?? '');
  return ctx.answer.json(problem.status, problem);
}

export async function dataPut(w: FakeAppWrites, ctx: Ctx) {
  const { answer } = ctx;
  const app = w.app(ctx.route.appId as string);
  if (!w.allows(ctx.who, app, 'write')) return answer.empty(403);
  const found = elementOf(w, ctx, app);
  if ('problem' in found) return answer.json(found.problem.status, found.problem);
  const { instance, element, type } = found;
  if (ctx.route.dataType && ctx.route.dataType !== type.id) {
    return answer.text(
      400,
      `Data type ${ctx.route.dataType} does not match data element ${element.id}, which is of type ${type.id}`,
    );
  }
  const mutation = mutationProblem(w, instance, type);
  if (mutation) return answer.json(mutation.status, mutation);
  const headers = ctx.req.headers;
  let filename = element.spec.filename ?? null;
  let contentType = headers['content-type'] ?? 'application/octet-stream';
  if (type.appLogic?.classRef) {
    const parsed = parseForm(headers['content-type'], ctx.body);
    if (parsed) return answer.json(parsed.status, parsed);
    contentType = 'application/xml';
  } else {
    // Binary: the restriction checks answer a plain-text 400 (DataController.cs:981-1043).
    const issue = restrictionIssue(headers, type);
    if (issue) return answer.text(400, issue.description);
    const limit = type.maxSize != null ? type.maxSize * 1024 * 1024 : MAX_BODY;
    if (ctx.body.length > limit) {
      return answer.text(
        400,
        `The request body is too large. The content length is ${ctx.body.length} bytes, which exceeds the limit of ${type.maxSize} MB`,
      );
    }
    filename = fileNameFromDisposition(headers['content-disposition']);
  }
  // Storage: a locked element 409 (the app answers a bare Conflict()), an empty body 422
  // (storage DataController.cs:545-709).
  if (w.actedState(instance).process.ended) return answer.empty(409);
  if (ctx.body.length === 0) {
    return answer.json(422, {
      title: `Unable to update data element ${element.id} for instance ${instance.id}`,
      status: 422,
    });
  }
  w.storage.stampElement(instance, {
    replace: element,
    dataType: type.id,
    filename: storageFileName(filename),
    contentType,
    bytes: ctx.body,
    at: ctx.now,
    by: orgNumberOf(ctx.who),
    fileScan: Boolean(type.enableFileScan),
  });
  w.actedState(instance).lastChangedBy = orgNumberOf(ctx.who);
  w.storageEvent(instance, ctx, 'Saved', element.id);
  const json = w.instanceJson(instance, ctx) as { data: { id: string }[] };
  answer.header('Location', `${w.storage.url}/${app.id}/instances/${instance.id}/data/${element.id}`);
  return answer.json(
    201,
    json.data.find((d) => d.id === element.id),
  );
}

export async function dataDelete(w: FakeAppWrites, ctx: Ctx) {
  const { answer } = ctx;
  const app = w.app(ctx.route.appId as string);
  if (!w.allows(ctx.who, app, 'write')) return answer.empty(403);
  const found = elementOf(w, ctx, app);
  if ('problem' in found) return answer.json(found.problem.status, found.problem);
  const { instance, element, type } = found;
  const mutation = mutationProblem(w, instance, type);
  if (mutation) return answer.json(mutation.status, mutation);
  // DataElementAccessChecker.cs:236-273: the only form of a classRef type with min = max = 1 stays.
  if (type.appLogic?.classRef && type.maxCount === 1 && type.minCount === 1) {
    return answer.json(400, {
      title: 'Cannot Delete main data element',
      detail: 'Cannot delete the only data element of a class with app logic',
      status: 400,
    });
  }
  w.storage.removeElement(instance, element.id, ctx.now);
  w.actedState(instance).lastChangedBy = orgNumberOf(ctx.who);
  w.storageEvent(instance, ctx, 'Deleted', element.id);
  return answer.json(200, {
    instance: w.instanceJson(instance, ctx),
    validationIssues: [],
    newDataModels: [],
  });
}

/** The instance, its element and the element's data type (DataController.cs:1210-1290). */
export function elementOf(
  w: FakeAppWrites,
  ctx: Ctx,
  app: FakeAppDefinition,
): { problem: Problem } | { instance: FakeInstance; element: FakeElement; type: FakeDataType } {
  const instance = w.appInstance(ctx);
  if (!instance) return { problem: instanceNotFound(ctx.route.instanceId as string) };
  const element = instance.elements.find((e) => e.id === ctx.route.elementId);
  if (!element) {
    return {
      problem: {
        title: 'Data Element Not Found',
        detail: `Did not find data element ${ctx.route.elementId} on instance ${instance.id}`,
        status: 404,
      },
    };
  }
  const type = app.dataTypes.find((d) => d.id === (element.spec.dataType ?? 'attachment'));
  if (!type) {
    return {
      problem: {
        title: 'Data Type Not Found',
        detail: `Did not find data type ${element.spec.dataType} for data element ${element.id}`,
        status: 500,
      },
    };
  }
  return { instance, element, type };
}

function instanceNotFound(instanceId: string): Problem {
  return { title: 'Instance Not Found', detail: `Did not find instance ${instanceId}`, status: 404 };
}
