/**
 * Loose lines: justified lines stretched by more than a tenth of their natural width, for the
 * preflight. Measured in the print page before printing, where the text still has its boxes:
 * each justified line's width against the width the same line has when set flush left (the line
 * breaks do not depend on the alignment). Pages are only known once printed, so the first
 * character of each loose line is put in an anchor, for which Chromium writes a named destination.
 */
import type { readDests } from './destinations.js';

/** A justified line stretched by more than `looseLineLimit`, as measured in its print page. */
export interface LooseLine {
  /** The id of the anchor at the line's start: its destination gives the page. */
  id: string;
  /** The line's first characters. */
  text: string;
  /** How much wider than its natural width the line was set (0.12: 12%). */
  stretch: number;
}

/** A line stretched by more than this share of its natural width is reported. */
export const looseLineLimit = 0.1;

/** Prefix of the anchors' ids: authors' ids are headings' text or their own words. */
const anchorPrefix = 'book-loose-line-';

/** The blocks whose lines are measured when justified. */
const blocks = 'p, li, dd, dt, td, th, blockquote, figcaption, caption';

// Runs inside the page (a string, so that no bundler helper leaks into it). Rectangles of a
// block's text are grouped into lines by their vertical middles; only innermost blocks are
// measured, so that no line is counted twice. The flush-left widths cost one more layout, with a
// style removed again before printing; the loose lines' first characters are found in that
// layout too (a line starts at the same character either way), and only then is the document
// changed, so that nothing is laid out a third time.
export const looseLinesScript = `(() => {
  const limit = ${looseLineLimit};
  const all = [...document.body.querySelectorAll(${JSON.stringify(blocks)})];
  const measured = all.filter((b) => !b.querySelector(${JSON.stringify(blocks)}) && getComputedStyle(b).textAlign === 'justify');
  const linesOf = (block) => {
    const range = document.createRange();
    range.selectNodeContents(block);
    const lines = [];
    const y = scrollY;
    for (const r of range.getClientRects()) {
      if (r.width <= 0 || r.height <= 0) continue;
      const middle = (r.top + r.bottom) / 2 + y;
      const line = lines.find((l) => middle >= l.top && middle <= l.bottom);
      if (line) { line.left = Math.min(line.left, r.left); line.right = Math.max(line.right, r.right); }
      else lines.push({ top: r.top + y, bottom: r.bottom + y, left: r.left, right: r.right });
    }
    return lines.sort((a, b) => a.top - b.top);
  };
  // The first character set on a line: the first text node reaching the line, then a binary
  // search over its characters' boxes (a character with no box, a collapsed space, counts as
  // before the line).
  const lineStart = (block, line) => {
    const range = document.createRange();
    const reaches = (r) => !!r && (r.top + r.bottom) / 2 + scrollY >= line.top;
    const onOrAfter = (node, offset) => {
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      return reaches(range.getClientRects()[0]);
    };
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      range.selectNodeContents(node);
      const boxes = range.getClientRects();
      if (!reaches(boxes[boxes.length - 1])) continue;
      let low = 0;
      let high = node.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (onOrAfter(node, middle)) high = middle;
        else low = middle + 1;
      }
      // Never between the halves of a surrogate pair.
      if (low > 0 && (node.data.charCodeAt(low) & 0xfc00) === 0xdc00) low--;
      return { node, offset: low };
    }
    return undefined;
  };
  const justified = measured.map(linesOf);
  const style = document.createElement('style');
  style.textContent = ${JSON.stringify(`${blocks} { text-align: start !important; }`)};
  document.head.append(style);
  const starts = [];
  measured.forEach((block, i) => {
    const flush = linesOf(block);
    if (flush.length !== justified[i].length) return;
    justified[i].forEach((line, j) => {
      const natural = flush[j];
      const stretch = (line.right - line.left) / (natural.right - natural.left) - 1;
      if (!(stretch > limit)) return;
      const start = lineStart(block, natural);
      if (start) starts.push({ block, ...start, stretch });
    });
  });
  style.remove();
  // From the last line back: wrapping a character splits its text node after the offsets of the lines before it.
  const found = starts.reverse().map(({ block, node, offset, stretch }, k) => {
    const rest = document.createRange();
    rest.setStart(node, offset);
    rest.setEnd(block, block.childNodes.length);
    const text = rest.toString();
    // The anchor holds the line's first character: an empty element has no place of its own, and
    // Chromium writes no destination for it. Text is shaped across element boundaries, so the
    // line is set as before.
    const first = document.createRange();
    first.setStart(node, offset);
    first.setEnd(node, offset + (text.codePointAt(0) > 0xffff ? 2 : 1));
    const anchor = document.createElement('span');
    anchor.id = ${JSON.stringify(anchorPrefix)} + (starts.length - 1 - k);
    first.surroundContents(anchor);
    return { id: anchor.id, text: text.replace(/\\s+/g, ' ').trim().slice(0, 40), stretch: Math.round(stretch * 1000) / 1000 };
  }).reverse();
  if (found.length) {
    const nav = document.createElement('nav');
    nav.hidden = true;
    nav.style.display = 'none';
    for (const line of found) {
      const link = document.createElement('a');
      link.href = '#' + line.id;
      nav.append(link);
    }
    document.body.append(nav);
  }
  return found;
})()`;

/** A loose line of the book, for the preflight report. */
export interface LooseLineReport {
  document: string;
  /** Book page (1-based, physical) and its folio. */
  page: number;
  folio: string;
  text: string;
  stretchPercent: number;
}

/**
 * The loose lines of the printed documents on their book pages: `dests` are each document's named
 * destinations, `firstPages` the book page index of each document's first page.
 */
export function looseLineReport(names: string[], lines: LooseLine[][], dests: ReturnType<typeof readDests>[], firstPages: number[], folio: (pageIndex: number) => string): LooseLineReport[] {
  return lines.flatMap((list, i) =>
    list.flatMap((line) => {
      const dest = dests[i]?.get(line.id);
      if (!dest) return [];
      const page = (firstPages[i] ?? 0) + dest.pageIndex;
      return [{ document: names[i] as string, page: page + 1, folio: folio(page), text: line.text, stretchPercent: Math.round(line.stretch * 1000) / 10 }];
    }),
  );
}
