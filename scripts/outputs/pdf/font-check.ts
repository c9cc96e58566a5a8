/**
 * Fonts a print shop rejects, looked for in each printed document before the book is assembled:
 * a Type 3 font (what Chromium makes of a system font it cannot embed as outlines, such as the
 * system's CFF-based CJK fonts, or of a glyph it fakes) or a font that is not embedded. Each is an
 * error naming the document it is in, the characters it draws (read from its ToUnicode map) and,
 * when one of the chapter's SVG images draws them, that image.
 */
import type { Element, Root } from 'hast';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFStream, decodePDFRawStream, type PDFDocument, type PDFPage } from 'pdf-lib';
import { visit } from '../../markdown/visit.js';
import { svgDrawnText } from '../../assets/svg-text.js';
import { BuildError, type Diagnostics } from '../../diagnostics.js';
import type { Asset } from '../../manuscript/model.js';
import type { PrintedPages } from './bundle.js';

/** A font of a printed document that a print shop would reject. */
export interface UnprintableFont {
  /** Its name without the subset tag (`[none]` for Chromium's Type 3 fonts). */
  name: string;
  problem: 'Type 3' | 'not embedded';
  /** The characters it draws, in code point order. */
  characters: string[];
}

/** One printed document and where it came from. */
export interface PrintedPart {
  /** Its PDF, or its pages in the bundle it was printed in. */
  pdf: PDFDocument | PrintedPages;
  /** How messages name it: `chapter "Title"`, `the front matter`. */
  label: string;
  /** The file it was made from, relative to the book root, and the line it starts at. */
  source: string | undefined;
  line?: number;
  /** A chapter's tree, to find the images that draw the characters. */
  tree?: Root;
}

/** Whether a font dictionary (a simple font, or a composite font through its descendant) carries its font program. */
export function isEmbedded(font: PDFDict): boolean {
  const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0);
  const described = descendant instanceof PDFDict ? descendant : font;
  const descriptor = described.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
  return Boolean(descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k))));
}

/**
 * The fonts of a PDF that are Type 3 or not embedded, one entry per name and problem; of a bundle's
 * document, those its own pages use.
 */
export function unprintableFonts(pdf: PDFDocument | PrintedPages): UnprintableFont[] {
  const found = new Map<string, { font: UnprintableFont; characters: Set<string> }>();
  const fonts = 'pages' in pdf ? fontsOn(pdf.pages) : pdf.context.enumerateIndirectObjects().map(([, object]) => object);
  for (const object of fonts) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.get(PDFName.of('Subtype'));
    // The descendant of a composite font is judged through its parent.
    if (subtype === PDFName.of('CIDFontType0') || subtype === PDFName.of('CIDFontType2')) continue;
    const problem = subtype === PDFName.of('Type3') ? 'Type 3' : isEmbedded(object) ? undefined : 'not embedded';
    if (!problem) continue;
    const base = object.get(PDFName.of('BaseFont'));
    const name = base instanceof PDFName ? base.decodeText().replace(/^[A-Z]{6}\+/, '') : '[none]';
    const key = `${name}|${problem}`;
    const entry = found.get(key) ?? { font: { name, problem, characters: [] }, characters: new Set<string>() };
    found.set(key, entry);
    for (const c of drawnCharacters(object)) entry.characters.add(c);
  }
  return [...found.values()].map(({ font, characters }) => ({ ...font, characters: [...characters].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number)) }));
}

/** The fonts that pages draw with: their resources' and those of the forms they draw, at any depth. */
function fontsOn(pages: PDFPage[]): PDFDict[] {
  const fonts = new Set<PDFDict>();
  const seen = new Set<PDFDict>();
  const walk = (resources: PDFDict | undefined): void => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [, font] of resources.lookupMaybe(PDFName.of('Font'), PDFDict)?.entries() ?? []) {
      const dict = resources.context.lookup(font);
      if (dict instanceof PDFDict) fonts.add(dict);
    }
    for (const [, form] of resources.lookupMaybe(PDFName.of('XObject'), PDFDict)?.entries() ?? []) {
      const stream = resources.context.lookup(form);
      if (stream instanceof PDFStream) walk(stream.dict.lookupMaybe(PDFName.of('Resources'), PDFDict));
    }
  };
  for (const page of pages) walk(page.node.Resources());
  return [...fonts];
}

/**
 * Records an error for every unprintable font of every part, then stops the build when there was
 * one: nothing is written. The message names the characters and, when the chapter's SVG images
 * draw them, the images, at the first such image's line.
 */
export function failOnUnprintableFonts(parts: PrintedPart[], assets: ReadonlyMap<string, Asset>, diagnostics: Diagnostics): void {
  let count = 0;
  for (const part of parts) {
    for (const font of unprintableFonts(part.pdf)) {
      count++;
      const images = part.tree ? imagesDrawing(part.tree, font.characters, assets) : [];
      const shown = font.characters.slice(0, 8).map((c) => `${c} (U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')})`);
      const chars = shown.length ? `${shown.join(', ')}${font.characters.length > shown.length ? ` and ${font.characters.length - shown.length} more` : ''}` : 'text';
      const by = images.length ? `; the image${images.length > 1 ? 's' : ''} ${images.map((i) => `"${i.origin}"`).join(', ')} draw${images.length > 1 ? '' : 's'} them` : '';
      const what = `${font.problem === 'Type 3' ? 'a Type 3 font' : `the font ${font.name}, not embedded`}`;
      diagnostics.error(
        `PDF: ${part.label} prints ${chars} in ${what}, which print shops reject${by}: a system font stood in for the book's fonts (a font-family outside the print stacks, or a character none of them has)`,
        part.source,
        images[0]?.line ?? part.line,
        images[0]?.column,
        'unprintable-font',
      );
    }
  }
  if (count) throw new BuildError(`PDF: ${count} font(s) that print shops reject (see the errors above): nothing was written`);
}

/** The SVG images of a chapter whose text has any of `characters`, with where they are. */
function imagesDrawing(tree: Root, characters: string[], assets: ReadonlyMap<string, Asset>): { origin: string; line?: number; column?: number }[] {
  const images: { origin: string; line?: number; column?: number }[] = [];
  visit(tree, 'element', (el: Element) => {
    const asset = el.tagName === 'img' && typeof el.properties.src === 'string' ? assets.get(el.properties.src) : undefined;
    if (asset?.mediaType !== 'image/svg+xml') return;
    const text = svgDrawnText(asset.data);
    if (!characters.some((c) => text.includes(c))) return;
    const start = el.position?.start;
    images.push({ origin: asset.origin, ...(start ? { line: start.line, column: start.column } : {}) });
  });
  return images;
}

/** The characters a font's ToUnicode map gives for its glyphs. */
function drawnCharacters(font: PDFDict): string[] {
  const stream = font.lookup(PDFName.of('ToUnicode'));
  if (!(stream instanceof PDFRawStream)) return [];
  const cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  const characters: string[] = [];
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, , target] of (block as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) characters.push(utf16(target as string));
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, target] of (block as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const targets = [...(target as string).matchAll(/<([0-9A-Fa-f]*)>/g)].map((m) => utf16(m[1] as string));
      const count = Math.min(parseInt(high as string, 16) - parseInt(low as string, 16) + 1, 0x10000);
      // `<lo> <hi> <dst>`: consecutive characters from dst; `<lo> <hi> [<d1> <d2> …]`: one each.
      if ((target as string).startsWith('[')) characters.push(...targets);
      else for (let i = 0; i < count; i++) characters.push(String.fromCodePoint((targets[0]?.codePointAt(0) ?? 0) + i));
    }
  }
  return characters.filter((c) => c !== '' && !/^[\p{C}\p{Z}]$/u.test(c));
}

/** A UTF-16BE hex string as text. */
function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}
