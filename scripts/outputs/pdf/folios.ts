/**
 * Page numbers. Chromium cannot know a chapter's first page number when it prints the chapter on
 * its own, so folios are drawn here, after assembly: outer bottom corner, none on openers and
 * blank pages, roman in the front matter when the book asks for it. Page labels make viewers show
 * the same numbers.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFName, PDFOperator, PDFOperatorNames, type PDFDocument } from 'pdf-lib';
import type { PageKind } from './assemble.js';
import { folioFont } from './fonts.js';
import { pt, type Geometry } from './geometry.js';

/** How pages are numbered. */
export interface Numbering {
  roman: boolean;
  frontPages: number;
}

/** The folio printed for a book page index (0-based). */
export function folioOf(index: number, numbering: Numbering): string {
  if (!numbering.roman) return String(index + 1);
  return index < numbering.frontPages ? toRoman(index + 1) : String(index - numbering.frontPages + 1);
}

/** Lower-case roman numerals. */
export function toRoman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [value, letters] of table) {
    for (; n >= value; n -= value) out += letters;
  }
  return out;
}

/** Draws the folios (as artifacts, outside the tag tree) and sets the page labels. */
export async function drawFolios(book: PDFDocument, kinds: PageKind[], numbering: Numbering, geometry: Geometry, fontSize: number, language: string): Promise<void> {
  book.registerFontkit(fontkit);
  // A six-letter tag marks the font as a subset, which preflight tools check.
  const folio = folioFont(language);
  const font = await book.embedFont(folio.bytes, { subset: true, customName: `FOLIOS+${folio.name}` });
  const outer = pt(geometry.margins.outer - geometry.bleed);
  const size = fontSize * 0.85;
  book.getPages().forEach((page, i) => {
    const kind = kinds[i];
    if (kind !== 'body' && kind !== 'front') return;
    const label = folioOf(i, numbering);
    const trim = page.getTrimBox();
    const width = font.widthOfTextAtSize(label, size);
    // Index 0 is a right-hand page: its outer edge is on the right.
    const x = i % 2 === 0 ? trim.x + trim.width - outer - width : trim.x + outer;
    const y = trim.y + pt(geometry.margins.bottom - geometry.bleed) * 0.45;
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]));
    page.drawText(label, { x, y, size, font });
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  });
  const nums = numbering.roman && numbering.frontPages > 0 ? [0, { S: 'r' }, numbering.frontPages, { S: 'D' }] : [0, { S: 'D' }];
  book.catalog.set(PDFName.of('PageLabels'), book.context.obj({ Nums: nums }));
}
