import { redact } from '../platform/log';
import type { HttpAnswer } from '../storage/write-request';

/**
 * An answer of the app API or Storage, read once into the shapes Altinn uses for its bodies
 * (shared/reference/maskinporten-altinn.md §3.7 "Error shapes"): nothing (a PEP's 403, a bare Forbid()), a
 * JSON string (actions with [Produces("application/json")]), ProblemDetails, other JSON, or plain text
 * (DataController and ProcessController strings).
 */
export interface AltinnAnswer {
  status: number;
  kind: 'empty' | 'json-string' | 'problem' | 'json' | 'text';
  /** The body's text (a JSON string decoded), redacted and trimmed for messages. */
  text: string;
  json?: unknown;
  problem?: Problem;
}

export interface Problem {
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
  validationIssues?: unknown;
  uploadValidationIssues?: unknown;
}

const MAX_TEXT = 2000;

export async function readAnswer(response: HttpAnswer): Promise<AltinnAnswer> {
  const raw = await response.text().catch(() => '');
  const status = response.status;
  if (raw.trim() === '') return { status, kind: 'empty', text: '' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { status, kind: 'text', text: clean(raw) };
  }
  if (typeof json === 'string') return { status, kind: 'json-string', text: clean(json), json };
  if (json && typeof json === 'object' && !Array.isArray(json) && isProblem(json as Record<string, unknown>)) {
    const problem = json as Problem;
    return {
      status,
      kind: 'problem',
      text: clean([problem.title, problem.detail].filter(Boolean).join(': ')),
      json,
      problem,
    };
  }
  return { status, kind: 'json', text: clean(raw), json };
}

function isProblem(json: Record<string, unknown>): boolean {
  return typeof json.title === 'string' || typeof json.detail === 'string' || typeof json.status === 'number';
}

function clean(text: string): string {
  return redact(text.replace(/\s+/g, ' ').trim()).slice(0, MAX_TEXT);
}
