/**
 * Small, valid sample files for preview tests, made here rather than checked in: a PDF (ISO 32000-1:
 * header, objects, a cross-reference table with exact byte offsets, trailer), an XML form and a JSON
 * document, all with Norwegian letters.
 */

/** A PDF with one page per entry of `pages`, each showing its lines in Helvetica (WinAnsiEncoding, so æøå work). */
export function samplePdf(pages: string[][]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const pageIds = pages.map((_, i) => 4 + i * 2);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  for (const [i, lines] of pages.entries()) {
    const id = pageIds[i] as number;
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`,
    );
    const text = lines
      .map((line, n) => `BT /F1 ${n === 0 ? 22 : 13} Tf 60 ${770 - n * 30} Td (${escapePdf(line)}) Tj ET`)
      .join('\n');
    add(`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`);
  }
  let out = '%PDF-1.4\n%\xe6\xf8\xe5\xc6\n';
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function escapePdf(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

export const sampleXml = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8"?>
<Skjema xmlns="urn:no:example:soknad" versjon="2">
  <Innsender type="organisasjon">
    <Organisasjonsnummer>974760673</Organisasjonsnummer>
    <Navn>Bærum kommune</Navn>
  </Innsender>
  <Søknad>
    <Tittel>Søknad om tilskudd til næringsutvikling</Tittel>
    <Beløp valuta="NOK">125000</Beløp>
    <Beskrivelse><![CDATA[Utvidelse av produksjonen på Ørland & Åfjord]]></Beskrivelse>
    <!-- vedlegg følger som PDF -->
    <Vedlegg antall="2"/>
  </Søknad>
</Skjema>
`,
  'utf8',
);

export const sampleJson = Buffer.from(
  JSON.stringify({
    skjema: 'Søknad om tilskudd',
    innsender: { organisasjonsnummer: '974760673', navn: 'Bærum kommune', kontakt: { epost: 'post@example.no' } },
    beløp: 125000,
    godkjent: false,
    merknad: null,
    vedlegg: [
      { navn: 'budsjett.pdf', størrelse: 18234 },
      { navn: 'kart.png', størrelse: 90211 },
    ],
  }),
  'utf8',
);

/** The smallest PNG there is: 1×1, one red pixel. */
export const samplePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
