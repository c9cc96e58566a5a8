/**
 * Running heads and mirrored margins, set when the book is assembled. Chapters are printed several
 * to a PDF (bundle.ts), where a page cannot know whether it will be a left or a right page of the
 * book, nor whether it opens a chapter. So every chapter page is printed with the right-hand
 * page's margins, and a left page's content (and its links) is moved by the difference between
 * the outer and the inner margin. Chromium prints each distinct head once, as the margin box of a
 * page of its own with its side's margins, in the book's stylesheet and fonts; that page is then
 * drawn over every page that carries the head, as an artifact: the book title on left pages, the
 * chapter's title (or its nested section's, on pages of their own) on right pages, none on openers
 * and blank pages.
 */
import { PDFArray, PDFContentStream, PDFDict, PDFName, PDFNumber, PDFOperator, PDFOperatorNames, popGraphicsState, pushGraphicsState, translate, type PDFDocument, type PDFEmbeddedPage } from 'pdf-lib';
import type { BookConfig } from '../../config/load.js';
import type { Chapter } from '../../manuscript/model.js';
import type { PlacedPart } from './assemble.js';
import { cssString, type PrintDocument } from './chapter-html.js';
import { serifStack } from './fonts.js';
import { pt, type Geometry } from './geometry.js';

/** A head: its side of the spread and its text. */
export interface RunningHead {
  side: 'left' | 'right';
  text: string;
}

/** The heads of the chapters' pages: each distinct head once, and each page's (an index into `heads`). */
export interface PageHeads {
  heads: RunningHead[];
  /** By chapter document, then by its page; undefined for a page without head. */
  parts: (number | undefined)[][];
}

/** The style of a head's margin box: one line, cut with an ellipsis (a long title would otherwise take two lines of the top margin). */
export function headBoxCss(fontFamily: string): string {
  return `font-family: ${fontFamily}; font-size: 7.5pt; color: #333; vertical-align: bottom; padding-bottom: 7mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;`;
}

/** The style of a chapter document whose heads and mirrored margins are set at assembly: the right-hand page's margins on every page. */
export function rightHandPagesCss(geometry: Geometry): string {
  return `@page :left { margin-left: ${geometry.margins.inner}mm; margin-right: ${geometry.margins.outer}mm; }`;
}

/**
 * The head of every page of the chapter documents: `starts`, where each document starts in the
 * body (an even index is a right-hand page, as in the book), `counts` its pages, `groups` its
 * chapters, and `sections`, where each nested section starts in it (by chapter id) when nested
 * sections start pages of their own.
 */
export function pageHeads(config: BookConfig, starts: number[], counts: number[], groups: Chapter[][], sections: Map<string, number>[]): PageHeads {
  const heads: RunningHead[] = [];
  const index = new Map<string, number>();
  /** The index of a head, added when new. */
  const headOf = (side: RunningHead['side'], text: string): number => {
    const key = `${side}\n${text}`;
    let i = index.get(key);
    if (i === undefined) {
      i = heads.push({ side, text }) - 1;
      index.set(key, i);
    }
    return i;
  };
  const parts = groups.map(([opener, ...nested], i) => {
    const named = config.print.sectionBreak === 'page' ? nested.flatMap((c) => (sections[i]?.has(c.id) ? [{ title: c.title, start: sections[i]?.get(c.id) as number }] : [])) : [];
    return Array.from({ length: counts[i] ?? 0 }, (_, j) => {
      // The opener has none.
      if (j === 0) return undefined;
      if (((starts[i] ?? 0) + j) % 2 === 1) return headOf('left', config.title);
      return headOf('right', named.filter((n) => n.start <= j).at(-1)?.title ?? (opener as Chapter).title);
    });
  });
  return { heads, parts };
}

/**
 * The document that prints each head once: page `i` is a named page whose margins are those of
 * head `i`'s side and whose margin box on that side holds its text.
 */
export function headsDocument(heads: RunningHead[], config: BookConfig, geometry: Geometry): PrintDocument {
  const { inner, outer } = geometry.margins;
  const box = headBoxCss(serifStack(config.language));
  const style = heads
    .map(({ side, text }, i) => {
      const [left, right] = side === 'left' ? [outer, inner] : [inner, outer];
      return `@page book-head-${i} { margin-left: ${left}mm; margin-right: ${right}mm; @top-${side} { ${box} content: ${cssString(text)}; } }`;
    })
    .join('\n');
  return {
    name: 'running-heads',
    source: config.layout.metadataFile ?? config.root,
    lang: config.language,
    title: config.title,
    // Each element is a page: a change of named page breaks the page.
    style: `${style}\n.book-head { height: 1px; }`,
    body: heads.map((_, i) => `<div class="book-head" style="page: book-head-${i}"></div>`).join(''),
    marginText: [...new Set(heads.map((h) => h.text))],
    shrunk: [],
  };
}

/**
 * Moves the content of each left chapter page by the difference between the outer and inner
 * margins (its text block was printed where a right page has it), then draws each page's head
 * (`headsPdf`: the heads document's PDF) over it, outside the tag tree. `parts`: the chapter
 * documents in the book.
 */
export async function drawRunningHeads(book: PDFDocument, parts: PlacedPart[], heads: PageHeads, headsPdf: Uint8Array, geometry: Geometry): Promise<void> {
  const ctx = book.context;
  const shift = pt(geometry.margins.outer - geometry.margins.inner);
  // One pair of streams, shared by every left page, wraps its content in the move.
  const moved = ctx.register(PDFContentStream.of(ctx.obj({}), [pushGraphicsState(), translate(shift, 0)]));
  const back = ctx.register(PDFContentStream.of(ctx.obj({}), [popGraphicsState()]));
  const embedded: PDFEmbeddedPage[] = heads.heads.length ? await book.embedPdf(headsPdf, heads.heads.map((_, i) => i)) : [];
  parts.forEach((part, p) => {
    part.pages.forEach((page, j) => {
      // Index 0 is a right-hand page.
      if ((part.first + j) % 2 === 1) {
        page.node.normalize();
        page.node.wrapContentStreams(moved, back);
        const annots = page.node.Annots();
        for (let i = 0; annots && i < annots.size(); i++) {
          const rect = annots.lookup(i, PDFDict).lookupMaybe(PDFName.of('Rect'), PDFArray);
          for (const k of [0, 2]) if (rect?.get(k) instanceof PDFNumber) rect.set(k, PDFNumber.of((rect.get(k) as PDFNumber).asNumber() + shift));
        }
      }
      const index = heads.parts[p]?.[j];
      const head = index === undefined ? undefined : embedded[index];
      if (!head) return;
      page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]));
      // The head's page was laid out on the whole sheet, as the moved content now is.
      page.drawPage(head, { x: 0, y: 0 });
      page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    });
  });
  // pdf-lib makes the heads' forms only when it writes the file: made now, their fonts are merged with the chapters'.
  await book.flush();
}
