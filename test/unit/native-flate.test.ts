/** pdf-lib's Flate streams compressed by Node's zlib instead of pako, with the same decoded contents. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFContentStream, PDFDocument, PDFName, PDFObjectStream, PDFRawStream, StandardFonts } from 'pdf-lib';
import { useNativeFlate } from '../../scripts/outputs/pdf/native-flate.js';

// pako as pdf-lib loads it: its output differs from zlib's byte for byte, which tells the two apart.
const pako = createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('pako') as { deflate(data: Uint8Array): Uint8Array };

/** A page of text long enough that pako and zlib compress it differently. */
async function textDocument(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  for (let i = 0; i < 120; i++) page.drawText(`Line ${i}: the quick brown fox jumps over the lazy dog ${i * 7}`, { x: 20, y: 800 - i * 6, size: 5, font });
  return doc;
}

/** The page's one content stream (pdf-lib lists it in an array once drawn on). */
function pageContents(doc: PDFDocument): unknown {
  const contents = doc.getPage(0).node.Contents();
  return contents instanceof PDFArray ? contents.lookup(0) : contents;
}

describe('outputs/pdf/native-flate.ts', () => {
  useNativeFlate();

  test('should compress content and object streams with zlib', async () => {
    const doc = await textDocument();
    const stream = pageContents(doc);
    assert.ok(stream instanceof PDFContentStream, 'drawText builds a PDFContentStream');
    const raw = stream.getUnencodedContents();
    assert.notDeepEqual(Buffer.from(pako.deflate(raw)), deflateSync(raw), 'pako and zlib differ on this input');
    assert.deepEqual(Buffer.from(stream.getContents()), deflateSync(raw));
    const objects = PDFObjectStream.withContextAndObjects(doc.context, [[doc.getPage(0).ref, doc.getPage(0).node]]);
    assert.deepEqual(Buffer.from(objects.getContents()), deflateSync(objects.getUnencodedContents()));
  });

  test('should compress the streams built with context.flateStream with zlib', async () => {
    const doc = await textDocument();
    const data = Buffer.from(Array.from({ length: 300 }, (_, i) => `BT /F1 12 Tf ${i % 17} ${i * 3} Td (${(i * 7919).toString(36)}) Tj ET`).join('\n'), 'latin1');
    assert.notDeepEqual(Buffer.from(pako.deflate(data)), deflateSync(data), 'pako and zlib differ on this input');
    const stream = doc.context.flateStream(data);
    assert.equal(stream.dict.get(PDFName.of('Filter')), PDFName.of('FlateDecode'));
    assert.deepEqual(Buffer.from(stream.contents), deflateSync(data));
  });

  test('should save a document that reads back with the same text', async () => {
    useNativeFlate();
    const saved = await (await textDocument()).save();
    const reloaded = await PDFDocument.load(saved);
    assert.equal(reloaded.getPageCount(), 1);
    const contents = pageContents(reloaded);
    assert.ok(contents instanceof PDFRawStream);
    const text = inflateSync(contents.contents).toString('latin1');
    // pdf-lib writes each line as a hex string.
    const shown = (line: string): string => `<${Buffer.from(line, 'latin1').toString('hex').toUpperCase()}> Tj`;
    assert.ok(text.includes(shown('Line 0: the quick brown fox jumps over the lazy dog 0')), text.slice(0, 200));
    assert.ok(text.includes(shown('Line 119: the quick brown fox jumps over the lazy dog 833')));
  });
});
