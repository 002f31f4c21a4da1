/**
 * The items of a server's validation problem, carried in `AppError.details.problems` so the window can list
 * them in the person's language and the CLI can print them. Altinn's AltinnValidationProblemDetails items are
 * `{code, title, paths, detail, …extensions}` (Altinn.Authorization.ProblemDetails 5.4.0,
 * src/ProblemDetails/AltinnValidationError.cs:45-87); ASP.NET's model-binding problem gives `{field: [messages]}`,
 * which becomes one item per field without a code.
 */
export interface ProblemItem {
  /** Altinn's own code, e.g. AUTH.VLD-00004; absent for ASP.NET's model-binding errors. */
  code?: string;
  /** The server's English title. */
  title: string;
  /** Where in the request body, e.g. /registersystemrequest/clientid (or the field name). */
  paths: string[];
  /** The item's `detail` and its extension members ("Invalid Urn Details: Not found: urn:…"). */
  details: string[];
}

/** The items of `details.problems`, or none (the value comes over IPC: each member is checked). */
export function problemItemsOf(details: Record<string, unknown> | undefined): ProblemItem[] {
  const list = details?.problems;
  if (!Array.isArray(list)) return [];
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return list
    .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && typeof x.title === 'string')
    .map((x) => ({
      ...(typeof x.code === 'string' ? { code: x.code } : {}),
      title: x.title as string,
      paths: strings(x.paths),
      details: strings(x.details),
    }));
}
