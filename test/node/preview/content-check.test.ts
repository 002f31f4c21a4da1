import { describe, expect, it } from 'vitest';
import { checkContent, imageTypeOf } from '../../../src/node/preview/content-check';
import { previewKindOf } from '../../../src/node/preview/content-kind';
import { sampleJson, samplePdf, samplePng, sampleXml } from '../../helpers/sample-files';

describe('which preview a content type gets', () => {
  it('maps the declared type (parameters and case ignored)', () => {
    expect(previewKindOf('application/pdf', 'x.bin').kind).toBe('pdf');
    expect(previewKindOf('Application/XML; charset=utf-8', null)).toEqual({
      kind: 'xml',
      contentType: 'application/xml',
    });
    expect(previewKindOf('text/xml', null).kind).toBe('xml');
    expect(previewKindOf('application/vnd.altinn+xml', null).kind).toBe('xml');
    expect(previewKindOf('application/json', null).kind).toBe('json');
    expect(previewKindOf('application/problem+json', null).kind).toBe('json');
    expect(previewKindOf('image/png', null).kind).toBe('image');
    expect(previewKindOf('image/jpeg', null).kind).toBe('image');
    expect(previewKindOf('text/plain', null).kind).toBe('text');
    expect(
      previewKindOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'a.docx').kind,
    ).toBe('other');
  });

  it('never renders SVG (it can carry script): it is shown as XML', () => {
    expect(previewKindOf('image/svg+xml', 'logo.svg').kind).toBe('xml');
  });

  it('guesses from the filename only when the type says nothing', () => {
    expect(previewKindOf('application/octet-stream', 'skjema.XML')).toEqual({
      kind: 'xml',
      contentType: 'application/xml',
    });
    expect(previewKindOf(null, 'vedlegg.pdf').kind).toBe('pdf');
    expect(previewKindOf('application/octet-stream', 'data.bin')).toEqual({
      kind: 'other',
      contentType: 'application/octet-stream',
    });
    expect(previewKindOf('application/zip', 'a.pdf').kind).toBe('other');
  });
});

describe('the bytes must match the type', () => {
  it('takes a PDF that starts with %PDF- and refuses anything else', () => {
    expect(checkContent('pdf', 'application/pdf', samplePdf([['Hei']]))).toEqual({ ok: true });
    expect(checkContent('pdf', 'application/pdf', Buffer.from('<html>not a pdf</html>'))).toMatchObject({ ok: false });
    expect(checkContent('pdf', 'application/pdf', samplePng)).toMatchObject({ ok: false });
  });

  it('takes JSON that parses, as text with æøå intact', () => {
    const result = checkContent('json', 'application/json', sampleJson);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.text).toContain('Bærum kommune');
    expect(checkContent('json', 'application/json', Buffer.from('{"a": 1,'))).toMatchObject({ ok: false });
    expect(checkContent('json', 'application/json', Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({
      ok: false,
      reason: 'not UTF-8 text',
    });
  });

  it('takes well-formed XML, in UTF-8 or the encoding it declares', () => {
    const utf8 = checkContent('xml', 'application/xml', sampleXml);
    expect(utf8.ok && utf8.text).toContain('<Tittel>Søknad om tilskudd til næringsutvikling</Tittel>');
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><navn>Ærlig Øystein på Åsen</navn>',
      'latin1',
    );
    const decoded = checkContent('xml', 'application/xml', latin1);
    expect(decoded.ok && decoded.text).toContain('Ærlig Øystein på Åsen');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>blåbær</a>', 'utf16le')]);
    const wide = checkContent('xml', 'application/xml', utf16);
    expect(wide.ok && wide.text).toContain('blåbær');
  });

  it('refuses XML that is not well-formed, and a PDF or JSON declared as XML', () => {
    expect(checkContent('xml', 'application/xml', Buffer.from('<a><b></a>'))).toMatchObject({ ok: false });
    expect(checkContent('xml', 'application/xml', Buffer.from('<a>'))).toMatchObject({ ok: false });
    expect(checkContent('xml', 'application/xml', Buffer.from('just words'))).toMatchObject({ ok: false });
    expect(checkContent('xml', 'application/xml', sampleJson)).toMatchObject({ ok: false });
    expect(checkContent('xml', 'application/xml', samplePdf([['x']]))).toMatchObject({ ok: false });
  });

  it('knows PNG, JPEG, GIF and WebP by their magic numbers, and wants the declared one', () => {
    expect(imageTypeOf(samplePng)).toBe('image/png');
    expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(imageTypeOf(Buffer.from('GIF89a……'))).toBe('image/gif');
    expect(imageTypeOf(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(imageTypeOf(Buffer.from('<svg/>'))).toBeUndefined();
    expect(checkContent('image', 'image/png', samplePng)).toEqual({ ok: true });
    expect(checkContent('image', 'image/jpeg', samplePng)).toEqual({ ok: false, reason: 'the bytes are image/png' });
    expect(checkContent('image', 'image/png', Buffer.from('<script>alert(1)</script>'))).toMatchObject({ ok: false });
  });

  it('takes text in UTF-8 or Windows-1252, and refuses binary', () => {
    const utf8 = checkContent('text', 'text/plain', Buffer.from('Blåbærsyltetøy', 'utf8'));
    expect(utf8.ok && utf8.text).toBe('Blåbærsyltetøy');
    const cp1252 = checkContent('text', 'text/plain', Buffer.from('Blåbærsyltetøy', 'latin1'));
    expect(cp1252.ok && cp1252.text).toBe('Blåbærsyltetøy');
    expect(checkContent('text', 'text/plain', Buffer.from([0x41, 0x00, 0x42]))).toMatchObject({ ok: false });
  });
});
