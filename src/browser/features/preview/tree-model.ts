/**
 * A foldable tree for structured text: JSON (parsed with JSON.parse) and XML (parsed with the browser's
 * DOMParser, which loads no external entities and runs nothing). Nodes only carry strings; the view puts
 * them into the page as text, never as HTML.
 */
export interface TreeNode {
  /** Stable within its parent: the path segment. */
  id: string;
  kind: 'branch' | 'leaf';
  /** The parts of the node's line, each styled by its role. */
  parts: {
    role: 'key' | 'punct' | 'string' | 'number' | 'literal' | 'tag' | 'attr' | 'text' | 'comment';
    text: string;
  }[];
  /** For a branch: what it holds, when folded ("3 fields"); the closing line's parts when unfolded. */
  summary?: string;
  closing?: TreeNode['parts'];
  children?: () => TreeNode[];
  childCount?: number;
}

export type Summarize = (kind: 'items' | 'keys', count: number) => string;

export function jsonTree(text: string, summarize: Summarize): TreeNode {
  return jsonNode('$', undefined, JSON.parse(text) as unknown, summarize);
}

function jsonNode(id: string, key: string | undefined, value: unknown, summarize: Summarize): TreeNode {
  const keyParts: TreeNode['parts'] =
    key === undefined
      ? []
      : [
          { role: 'key', text: JSON.stringify(key) },
          { role: 'punct', text: ': ' },
        ];
  if (Array.isArray(value)) {
    return {
      id,
      kind: 'branch',
      parts: [...keyParts, { role: 'punct', text: '[' }],
      closing: [{ role: 'punct', text: ']' }],
      summary: summarize('items', value.length),
      childCount: value.length,
      children: () => value.map((v, i) => jsonNode(`${id}[${i}]`, undefined, v, summarize)),
    };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return {
      id,
      kind: 'branch',
      parts: [...keyParts, { role: 'punct', text: '{' }],
      closing: [{ role: 'punct', text: '}' }],
      summary: summarize('keys', entries.length),
      childCount: entries.length,
      children: () => entries.map(([k, v]) => jsonNode(`${id}.${k}`, k, v, summarize)),
    };
  }
  const role = typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'literal';
  return { id, kind: 'leaf', parts: [...keyParts, { role, text: JSON.stringify(value) }] };
}

/** The XML document's root element as a tree, or an error message from the parser. */
export function xmlTree(
  text: string,
  summarize: Summarize,
): { ok: true; root: TreeNode } | { ok: false; message: string } {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error || !doc.documentElement) return { ok: false, message: error?.textContent?.trim() ?? 'no root element' };
  return { ok: true, root: xmlElement('0', doc.documentElement, summarize) };
}

function xmlElement(id: string, element: Element, summarize: Summarize): TreeNode {
  const open: TreeNode['parts'] = [
    { role: 'punct', text: '<' },
    { role: 'tag', text: element.tagName },
  ];
  for (const attr of Array.from(element.attributes)) {
    open.push(
      { role: 'attr', text: ` ${attr.name}` },
      { role: 'punct', text: '="' },
      { role: 'string', text: attr.value },
    );
    open.push({ role: 'punct', text: '"' });
  }
  const children = Array.from(element.childNodes).filter(
    (n) => n.nodeType !== Node.TEXT_NODE || (n.textContent ?? '').trim() !== '',
  );
  if (children.length === 0) return { id, kind: 'leaf', parts: [...open, { role: 'punct', text: '/>' }] };
  const close: TreeNode['parts'] = [
    { role: 'punct', text: '</' },
    { role: 'tag', text: element.tagName },
    { role: 'punct', text: '>' },
  ];
  // <Navn>Bærum kommune</Navn> on one line, as people read forms.
  const only = children[0] as ChildNode;
  if (children.length === 1 && (only.nodeType === Node.TEXT_NODE || only.nodeType === Node.CDATA_SECTION_NODE)) {
    return {
      id,
      kind: 'leaf',
      parts: [...open, { role: 'punct', text: '>' }, ...textParts(only), ...close],
    };
  }
  return {
    id,
    kind: 'branch',
    parts: [...open, { role: 'punct', text: '>' }],
    closing: close,
    summary: summarize('items', children.length),
    childCount: children.length,
    children: () => children.map((n, i) => xmlChild(`${id}.${i}`, n, summarize)),
  };
}

function xmlChild(id: string, node: ChildNode, summarize: Summarize): TreeNode {
  if (node.nodeType === Node.ELEMENT_NODE) return xmlElement(id, node as Element, summarize);
  return { id, kind: 'leaf', parts: textParts(node) };
}

function textParts(node: ChildNode): TreeNode['parts'] {
  const value = node.textContent ?? '';
  if (node.nodeType === Node.CDATA_SECTION_NODE) {
    return [
      { role: 'punct', text: '<![CDATA[' },
      { role: 'text', text: value },
      { role: 'punct', text: ']]>' },
    ];
  }
  if (node.nodeType === Node.COMMENT_NODE) return [{ role: 'comment', text: `<!--${value}-->` }];
  if (node.nodeType === Node.PROCESSING_INSTRUCTION_NODE) {
    return [{ role: 'comment', text: `<?${(node as ProcessingInstruction).target} ${value}?>` }];
  }
  return [{ role: 'text', text: value.trim() }];
}
