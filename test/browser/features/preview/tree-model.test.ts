// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { jsonTree, type TreeNode, xmlTree } from '../../../../src/browser/features/preview/tree-model';
import { sampleJson, sampleXml } from '../../../helpers/sample-files';

const summarize = (kind: 'items' | 'keys', count: number) => `${count} ${kind}`;
const line = (node: TreeNode) => node.parts.map((p) => p.text).join('');

/** Every line of the unfolded tree, indented by depth, as the view shows it. */
function lines(node: TreeNode, depth = 0): string[] {
  const pad = '  '.repeat(depth);
  if (node.kind === 'leaf') return [pad + line(node)];
  return [
    pad + line(node),
    ...(node.children?.() ?? []).flatMap((c) => lines(c, depth + 1)),
    pad + (node.closing ?? []).map((p) => p.text).join(''),
  ];
}

describe('the preview trees', () => {
  it('pretty-prints JSON with keys, strings, numbers and literals, folded branches summarized', () => {
    const root = jsonTree(sampleJson.toString('utf8'), summarize);
    expect(root.summary).toBe('6 keys');
    const out = lines(root);
    expect(out).toContain('  "skjema": "Søknad om tilskudd"');
    expect(out).toContain('    "navn": "Bærum kommune"');
    expect(out).toContain('  "godkjent": false');
    expect(out).toContain('  "merknad": null');
    expect(out).toContain('  "vedlegg": [');
    const vedlegg = root.children?.().find((c) => line(c).startsWith('"vedlegg"'));
    expect(vedlegg?.summary).toBe('2 items');
    const roles = new Set(root.children?.().flatMap((c) => c.parts.map((p) => p.role)));
    expect([...roles].sort()).toEqual(['key', 'literal', 'number', 'punct', 'string']);
  });

  it('pretty-prints XML with attributes, one-line text elements, CDATA and comments', () => {
    const parsed = xmlTree(sampleXml.toString('utf8'), summarize);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(lines(parsed.root)).toEqual([
      '<Skjema xmlns="urn:no:example:soknad" versjon="2">',
      '  <Innsender type="organisasjon">',
      '    <Organisasjonsnummer>974760673</Organisasjonsnummer>',
      '    <Navn>Bærum kommune</Navn>',
      '  </Innsender>',
      '  <Søknad>',
      '    <Tittel>Søknad om tilskudd til næringsutvikling</Tittel>',
      '    <Beløp valuta="NOK">125000</Beløp>',
      '    <Beskrivelse><![CDATA[Utvidelse av produksjonen på Ørland & Åfjord]]></Beskrivelse>',
      '    <!-- vedlegg følger som PDF -->',
      '    <Vedlegg antall="2"/>',
      '  </Søknad>',
      '</Skjema>',
    ]);
  });

  it('reports XML that does not parse instead of showing a part of it', () => {
    expect(xmlTree('<a><b></a>', summarize)).toMatchObject({ ok: false });
  });

  it('keeps markup in values as text: nothing becomes HTML', () => {
    const root = jsonTree('{"x": "<img src=x onerror=alert(1)>"}', summarize);
    expect(lines(root)).toContain('  "x": "<img src=x onerror=alert(1)>"');
  });
});
