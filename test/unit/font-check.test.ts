/** Fonts print shops reject, found in a printed document and reported with where they came from. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { h } from 'hastscript';
import { PDFDocument } from 'pdf-lib';
import { BuildError, Diagnostics } from '../../scripts/diagnostics.js';
import type { Asset } from '../../scripts/manuscript/model.js';
import { failOnUnprintableFonts, unprintableFonts } from '../../scripts/outputs/pdf/font-check.js';
import { plain } from './helpers.js';

/** A PDF holding a Type 3 font that draws 한, 글, A and B, a TrueType font without its program, and an embedded one. */
async function pdfWithFonts(): Promise<PDFDocument> {
  const pdf = await PDFDocument.create();
  const { context } = pdf;
  const cmap = '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n3 beginbfchar\n<01> <D55C>\n<02> <AE00>\n<05> <0020>\nendbfchar\n1 beginbfrange\n<03> <04> <0041>\nendbfrange\nendcmap\nend\nend';
  const type3 = { Type: 'Font', Subtype: 'Type3', FontMatrix: [0.001, 0, 0, 0.001, 0, 0], CharProcs: {}, FirstChar: 1, LastChar: 5, ToUnicode: context.register(context.flateStream(cmap)) };
  context.register(context.obj(type3));
  context.register(context.obj({ Type: 'Font', Subtype: 'TrueType', BaseFont: 'ABCDEF+Arial' }));
  const descriptor = context.register(context.obj({ Type: 'FontDescriptor', FontFile2: context.register(context.flateStream('glyphs')) }));
  context.register(context.obj({ Type: 'Font', Subtype: 'TrueType', BaseFont: 'ABCDEF+NotoSerifKR', FontDescriptor: descriptor }));
  // Round-tripped, as the chapters' PDFs are read.
  return PDFDocument.load(await pdf.save());
}

describe('outputs/pdf/font-check.ts', () => {
  test('should find Type 3 and unembedded fonts with the characters they draw', async () => {
    assert.deepEqual(unprintableFonts(await pdfWithFonts()), [
      { name: '[none]', problem: 'Type 3', characters: ['A', 'B', '글', '한'] },
      { name: 'Arial', problem: 'not embedded', characters: [] },
    ]);
  });

  test('should report each at the image that draws its characters, else at the chapter, and stop the build', async () => {
    const pdf = await pdfWithFonts();
    const svg: Asset = { href: 'images/f.svg', mediaType: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><text>한국</text></svg>'), origin: 'manuscript/f.svg' };
    const img = h('img', { src: svg.href });
    img.position = { start: { line: 5, column: 1 }, end: { line: 5, column: 20 } };
    const diagnostics = new Diagnostics();
    const parts = [{ pdf, label: 'chapter "그림"', source: 'manuscript/01.md', line: 1, tree: { type: 'root' as const, children: [img] } }];
    assert.throws(() => failOnUnprintableFonts(parts, new Map([[svg.href, svg]]), diagnostics), (error: unknown) => error instanceof BuildError && /2 font\(s\) that print shops reject/.test(error.message));
    const [type3, arial] = diagnostics.list.map(plain);
    assert.deepEqual([type3?.severity, type3?.file, type3?.line, type3?.column], ['error', 'manuscript/01.md', 5, 1]);
    assert.match(type3?.message ?? '', /^PDF: chapter "그림" prints A \(U\+0041\), B \(U\+0042\), 글 \(U\+AE00\), 한 \(U\+D55C\) in a Type 3 font, which print shops reject; the image "manuscript\/f\.svg" draws them: /);
    assert.deepEqual([arial?.file, arial?.line, arial?.column], ['manuscript/01.md', 1, undefined]);
    assert.match(arial?.message ?? '', /prints text in the font Arial, not embedded/);
  });
});
