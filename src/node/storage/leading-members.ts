/**
 * The scalar members at the start of a JSON object, read from the first bytes of a body that is still
 * arriving. Storage serialises a query page as `{ "count", "self", "next", "instances": [...] }`
 * (altinn-storage `Helpers/QueryResponse.cs`, shared/reference/maskinporten-altinn.md §3.2), so `next`
 * is known long before the hundreds of KB of `instances` have arrived and been parsed; the listing uses
 * it to ask for the next page early (storage-client.ts `pages`). Nothing here is trusted: the full page
 * is parsed and validated as always, and its `next` must be the same link.
 *
 * Returns the members seen so far and whether the scan is `done` (it reached a member whose value is an
 * object or array, or the end of the object); `undefined` when the text is not the start of an object.
 */
export function leadingMembers(text: string): { members: Record<string, unknown>; done: boolean } | undefined {
  const members: Record<string, unknown> = {};
  let i = skipWs(text, 0);
  if (i >= text.length) return { members, done: false };
  if (text[i] !== '{') return undefined;
  i++;
  for (;;) {
    i = skipWs(text, i);
    if (i >= text.length) return { members, done: false };
    if (text[i] === '}') return { members, done: true };
    if (text[i] !== '"') return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return { members, done: false };
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, keyEnd);
    if (i >= text.length) return { members, done: false };
    if (text[i] !== ':') return undefined;
    i = skipWs(text, i + 1);
    if (i >= text.length) return { members, done: false };
    const c = text[i] as string;
    if (c === '{' || c === '[') return { members, done: true };
    let end: number;
    if (c === '"') end = stringEnd(text, i);
    else {
      end = i;
      while (end < text.length && /[-+0-9.eEtruefalsn]/.test(text[end] as string)) end++;
      // A number or literal cut off by the end of what has arrived is not complete yet.
      if (end >= text.length) end = -1;
    }
    if (end < 0) return { members, done: false };
    try {
      members[key] = JSON.parse(text.slice(i, end));
    } catch {
      return undefined;
    }
    i = skipWs(text, end);
    if (i >= text.length) return { members, done: false };
    if (text[i] === ',') i++;
    else if (text[i] === '}') return { members, done: true };
    else return undefined;
  }
}

function skipWs(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Index just after the closing quote of the string starting at `start`, or -1 when it has not arrived. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}
