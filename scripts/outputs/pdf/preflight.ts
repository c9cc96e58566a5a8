/**
 * The preflight report: what a print shop checks first. Written as JSON next to the PDF and
 * summed up on stderr after each build.
 */
import { PDFArray, PDFDict, PDFName, type PDFDocument } from 'pdf-lib';
import type { Asset } from '../../manuscript/model.js';
import { isEmbedded } from './font-check.js';
import type { Geometry } from './geometry.js';
import type { LooseLineReport } from './loose-lines.js';
import type { PlacedPart } from './assemble.js';
import { pageFills } from './page-fill.js';
import { minimumFill } from './preflight-log.js';
import type { PrintedDocument } from './render.js';
import type { PageNotesSummary } from './page-notes.js';

/** One font as the PDF declares it. */
export interface FontReport {
  name: string;
  subtype: string;
  embedded: boolean;
  subset: boolean;
  /** How many font dictionaries carry this name (each chapter brings its own subsets). */
  count: number;
}

/** The JSON written next to the PDF. */
export interface Preflight {
  pages: number;
  frontMatterPages: number;
  trim: { name: string; widthMm: number; heightMm: number };
  bleedMm: number;
  cropMarks: boolean;
  /** Book page (1-based, physical) where each chapter starts; nested sections (depth 1 and more) need not start on a right-hand page. */
  chapterStarts: { id: string; title: string; depth: number; page: number; folio: string }[];
  fonts: FontReport[];
  lowResolutionImages: { document: string; image: string; dpi: number; printedWidthMm: number }[];
  overflows: { document: string; element: string; text: string; byPx: number }[];
  /** Justified lines stretched by more than 10% of their natural width, with their pages. */
  looseLines: LooseLineReport[];
  shrunk: { kind: string; detail: string }[];
  /** Pages less than 75% full (to the lowest mark in the text block), a chapter's or section's last page aside. */
  underfilledPages: { page: number; folio: string; document: string; fullPercent: number }[];
  /** Footnotes printed at page feet (absent when the book keeps them at the chapters' ends). */
  footnotes?: PageNotesSummary;
  problems: string[];
}

/** The fonts of the finished PDF, grouped by name without the subset tag. */
export function fontReport(book: PDFDocument): FontReport[] {
  const byKey = new Map<string, FontReport>();
  for (const [, object] of book.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = nameOf(object.get(PDFName.of('Subtype')));
    // The descendant of a composite font is reported through its parent.
    if (subtype === 'CIDFontType2' || subtype === 'CIDFontType0') continue;
    const base = nameOf(object.get(PDFName.of('BaseFont'))) || '[none]';
    const descendant = object.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0);
    const embedded = isEmbedded(object);
    const subset = /^[A-Z]{6}\+/.test(base);
    const name = base.replace(/^[A-Z]{6}\+/, '');
    const fullType = descendant instanceof PDFDict ? `${subtype}/${nameOf(descendant.get(PDFName.of('Subtype')))}` : subtype;
    const key = `${name}|${fullType}|${embedded}|${subset}`;
    const entry = byKey.get(key);
    if (entry) entry.count++;
    else byKey.set(key, { name, subtype: fullType, embedded: subtype === 'Type3' ? false : embedded, subset, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A PDF name's text, or '' for anything else. */
function nameOf(value: unknown): string {
  return value instanceof PDFName ? value.decodeText() : '';
}

/** Images printed below 300 dpi: the asset's pixel width over the width it got on the page. */
export function lowResolutionImages(names: string[], printed: PrintedDocument[], assets: Map<string, Asset>): Preflight['lowResolutionImages'] {
  const result: Preflight['lowResolutionImages'] = [];
  printed.forEach((doc, i) => {
    for (const image of doc.images) {
      const asset = assets.get(image.src);
      if (!asset?.width || image.width <= 0) continue;
      const inches = image.width / 96;
      const dpi = Math.round(asset.width / inches);
      if (dpi < 300) result.push({ document: names[i] as string, image: asset.origin, dpi, printedWidthMm: Math.round(inches * 254) / 10 });
    }
  });
  return result;
}

/** Elements wider than their box, from the measurements taken before printing. */
export function overflows(names: string[], printed: PrintedDocument[]): Preflight['overflows'] {
  return printed.flatMap((doc, i) =>
    doc.overflows.map((o) => ({ document: names[i] as string, element: o.tag, text: o.text, byPx: o.scrollWidth - o.clientWidth })),
  );
}

/**
 * Pages of the chapter documents (`parts`, named by `names`) less than `minimumFill` full, except
 * each document's last page and the page before a chapter or section starts (book page indices
 * `starts`): those end where the text ends. `fills`: each part's `pageFills`, when known already.
 */
export function underfilledPages(
  parts: PlacedPart[],
  names: string[],
  starts: Set<number>,
  geometry: Geometry,
  folio: (pageIndex: number) => string,
  fills: number[][] = parts.map((part) => pageFills(part.source.pages, geometry)),
): Preflight['underfilledPages'] {
  return parts.flatMap((part, i) =>
    (fills[i] ?? []).flatMap((fill, p) => {
      const index = part.first + p;
      if (fill >= minimumFill || p === part.pages.length - 1 || starts.has(index + 1)) return [];
      return [{ page: index + 1, folio: folio(index), document: names[i] as string, fullPercent: Math.round(fill * 100) }];
    }),
  );
}

/** Problems a print shop would reject: fonts not embedded, not subset, or Type 3. */
export function fontProblems(fonts: FontReport[]): string[] {
  return fonts.flatMap((f) => [
    ...(f.subtype.startsWith('Type3') ? [`font ${f.name} is Type 3`] : []),
    ...(!f.embedded ? [`font ${f.name} is not embedded`] : []),
    ...(f.embedded && !f.subset ? [`font ${f.name} is embedded whole (not a subset)`] : []),
  ]);
}
