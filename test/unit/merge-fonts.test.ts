/** Subsets read once per distinct stream: byte-identical ones merge, look-alikes are still told apart. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { mergeFontSubsets } from '../../scripts/outputs/pdf/merge-fonts.js';

/** A TrueType program from a Fontsource WOFF 1 file: each table inflated, laid out as an sfnt. */
function trueTypeFromWoff(woff: Buffer): Buffer {
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const [offset, compressed, original] = [woff.readUInt32BE(at + 4), woff.readUInt32BE(at + 8), woff.readUInt32BE(at + 12)];
    const stored = woff.subarray(offset, offset + compressed);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compressed < original ? inflateSync(stored) : stored };
  });
  const header = Buffer.alloc(12 + count * 16);
  woff.copy(header, 0, 4, 8);
  header.writeUInt16BE(count, 4);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach(({ tag, checksum, data }, i) => {
    tag.copy(header, 12 + i * 16);
    header.writeUInt32BE(checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(data.length, 24 + i * 16);
    const padded = Buffer.alloc(Math.ceil(data.length / 4) * 4);
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

/** A ToUnicode CMap giving CID 0x24 the text A and CID 0x25 the text `second`. */
function toUnicode(second: string): string {
  return `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfchar\n<0024> <0041>\n<0025> <${second}>\nendbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;
}

/** A Chromium-style Type0 font (Identity-H, CIDFontType2, identity CID-to-glyph map) with its own copies of the streams. */
function subsetFont(doc: PDFDocument, program: Buffer, cmap: string, tag: string): PDFRef {
  const { context } = doc;
  const fontFile = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length1: program.length }), deflateSync(program)));
  const descriptor = context.register(context.obj({ Type: 'FontDescriptor', FontName: `${tag}+NotoSerif-Regular`, Flags: 6, FontBBox: [0, -250, 1000, 900], ItalicAngle: 0, Ascent: 900, Descent: -250, CapHeight: 700, StemV: 80, FontFile2: fontFile }));
  const descendant = context.register(context.obj({ Type: 'Font', Subtype: 'CIDFontType2', BaseFont: `${tag}+NotoSerif-Regular`, CIDSystemInfo: { Registry: 'Adobe', Ordering: 'Identity', Supplement: 0 }, FontDescriptor: descriptor, CIDToGIDMap: 'Identity' }));
  const map = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode' }), deflateSync(Buffer.from(cmap, 'latin1'))));
  return context.register(context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: `${tag}+NotoSerif-Regular`, Encoding: 'Identity-H', DescendantFonts: [descendant], ToUnicode: map }));
}

describe('outputs/pdf/merge-fonts.ts', () => {
  test('should merge byte-identical subsets and keep apart one whose ToUnicode differs at the same length', async () => {
    const woff = readFileSync(createRequire(import.meta.url).resolve('@fontsource/noto-serif/files/noto-serif-latin-400-normal.woff'));
    const program = trueTypeFromWoff(woff);
    const doc = await PDFDocument.create({ updateMetadata: false });
    // Two chapters' copies of the same subset, and a third whose ToUnicode map has the same
    // length but gives CID 0x25 another text: merging it would change what that glyph copies as.
    const fonts = [subsetFont(doc, program, toUnicode('0042'), 'AAAAAA'), subsetFont(doc, program, toUnicode('0042'), 'BBBBBB'), subsetFont(doc, program, toUnicode('0043'), 'CCCCCC')];
    const page = doc.addPage();
    page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: fonts[0], F2: fonts[1], F3: fonts[2] } }));

    assert.deepEqual(mergeFontSubsets(doc), { subsets: 3, faces: 2 });
    const resources = page.node.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('Font'), PDFDict);
    const [f1, f2, f3] = ['F1', 'F2', 'F3'].map((name) => resources.get(PDFName.of(name)));
    assert.ok(f1 instanceof PDFRef && f1 === f2, 'the identical subsets point at one merged font');
    assert.ok(f1 !== fonts[0] && f1 !== fonts[1], 'the merged font is a new one');
    assert.equal(f3, fonts[2], 'the look-alike stays as printed');
    const merged = doc.context.lookup(f1, PDFDict);
    const text = inflateSync((merged.lookup(PDFName.of('ToUnicode')) as PDFRawStream).contents).toString('latin1');
    // CIDs 0x24 and 0x25 copy as A and B, written as one range.
    assert.match(text, /<0024> <0025> <0041>/);
    assert.doesNotMatch(text, /<0043>/);
  });
});
