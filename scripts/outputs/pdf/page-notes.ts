/**
 * Footnotes at the foot of the page that refers to them. Chromium has no `float: footnote`, so a
 * document with notes is paginated in the page before it is printed: its content is laid out in
 * a multi-column box one text block wide and one page of text high, which Chromium fragments by
 * the same rules as the printed page (widows, orphans, `break-*`); the first column is one page.
 * Each page takes the notes of the references in that column, the column is made shorter by
 * their height and laid out again until the page holds its notes' references. A reference whose
 * note does not fit below it moves with its line to the next page, unless two lines of the note
 * fit, in which case the note is split and its rest continues at the next page's foot. The page's
 * content is then cut out into a box exactly one page high, with the notes placed at its foot.
 *
 * In the markup each note ends the paragraph holding its reference (positioned at the foot), so
 * the tagged PDF reads a note right after its paragraph's text. Running heads, folios and the rest of
 * the pipeline see ordinary pages; Chromium just prints one box per page.
 */

import type { Diagnostics } from '../../diagnostics.js';

/** The book's footnotes as the preflight reports them. */
export interface PageNotesSummary {
  /** Notes printed at the foot of their reference's page. */
  placed: number;
  /** Of those, notes that continue at the next page's foot. */
  continued: number;
  /** Notes that start on a later page than their reference, as `file: note id`. */
  late: string[];
}

/**
 * Sums up and reports how each document's notes went to the page feet: a warning naming the
 * chapter's file for notes that could not start on their page, for pages that ran over, and
 * for a document that kept its chapter-end notes. Undefined when no document moved notes.
 */
export function reportPageNotes(documents: { source: string; pageNotes?: unknown }[], results: (PageNotesResult | undefined)[], diagnostics: Diagnostics): PageNotesSummary | undefined {
  if (!documents.some((d) => d.pageNotes)) return undefined;
  const summary: PageNotesSummary = { placed: 0, continued: 0, late: [] };
  results.forEach((result, i) => {
    const source = (documents[i] as { source: string }).source;
    if (!result) return;
    if (result.fallback) diagnostics.warn(`PDF: footnotes printed at the chapter's end: the pages could not be laid out with them at their feet (${result.fallback})`, source);
    for (const id of result.late) diagnostics.warn(`PDF: footnote "${id}" starts on the page after its reference: it does not fit on the reference's page`, source);
    if (result.overfull.length) diagnostics.warn(`PDF: page(s) ${result.overfull.join(', ')} of this chapter run past the text block while placing footnotes`, source);
    summary.placed += result.notes;
    summary.continued += result.split;
    summary.late.push(...result.late.map((id) => `${source}: ${id}`));
  });
  return summary;
}

/** What the in-page pagination reports. */
export interface PageNotesResult {
  /** Pages made (0 when the document has no notes and is left to Chromium's own pagination). */
  pages: number;
  /** Notes placed at page feet, and how many of them continue on a later page. */
  notes: number;
  split: number;
  /** References whose note could not start on their page (a note longer than a whole page). */
  late: string[];
  /** Pages whose content ran past the page box (it would print over the bottom margin). */
  overfull: number[];
  /** Each page's characters in notes, white space left out: the EPUB's page-list counts only the text's. */
  noteChars: number[];
  /** Why the document kept its chapter-end notes instead, when pagination failed. */
  fallback?: string;
}

/**
 * The script (run in the print page, after short blocks are marked and before anything that
 * anchors content to pages) that paginates a document whose text block is `width` × `height` CSS
 * px. A string, so that no bundler helper leaks into it.
 */
export function pageNotesScript(width: number, height: number): string {
  // tsx (tests, bench) compiles with esbuild's keepNames, which wraps inner functions in `__name`.
  return `(() => { const __name = (f) => f; return (${paginate})(${width}, ${height}); })()`;
}

// The function below is never called in Node: its source text is sent to the page, so it may use
// nothing from outside its own body.
/** Paginates the document in the page (see the module comment); returns a `PageNotesResult`. */
async function paginate(W: number, H: number): Promise<PageNotesResult> {
  const body = document.body;
  const result: PageNotesResult = { pages: 0, notes: 0, split: 0, late: [], overfull: [], noteChars: [] };
  const sections = [...body.querySelectorAll('section.chapter section.footnotes')];
  const anyRef = [...body.querySelectorAll('section.chapter a[role="doc-noteref"]')].some((a) => !a.closest('aside'));
  if (!sections.length || !anyRef) return result;
  const snapshot = body.innerHTML;
  const FORCED = /^(page|left|right|recto|verso|always)$/;
  const UNSPLITTABLE = 'tr, img, svg, math, figure, hr, .katex, .katex-display, video, canvas, object, iframe';
  const BLOCK = 'p, li, dt, dd, td, th, h1, h2, h3, h4, h5, h6, figcaption, blockquote, pre, div, section, aside';
  const doc = document;

  /** Visible boxes of a node (text or element). */
  const rectsOf = (node: Node): DOMRect[] => {
    let rects: DOMRect[];
    if (node.nodeType === 3) {
      const range = doc.createRange();
      range.selectNodeContents(node);
      rects = [...range.getClientRects()];
    } else rects = [...(node as Element).getClientRects()];
    return rects.filter((r) => r.width > 0 || r.height > 0);
  };
  /** Whether a box lies in the first column of a multi-column box `b` (either writing direction). */
  const inFirst = (r: DOMRect, b: DOMRect): boolean => r.left >= b.left - 1 && r.right <= b.right + 1;
  /** A node's index among its parent's children. */
  const indexOf = (node: Node): number => Array.prototype.indexOf.call((node.parentNode as Node).childNodes, node);
  /** Whether a node renders nothing (whitespace or a comment). */
  const blank = (node: Node): boolean => node.nodeType === 8 || (node.nodeType === 3 && !(node.textContent ?? '').trim());

  /** The first character of `text` that lies outside the first column. */
  const firstCharOutside = (text: Text, b: DOMRect): number => {
    const range = doc.createRange();
    /** Whether character `i`, or the first after it that has a box, is past the first column. */
    const outside = (i: number): boolean => {
      for (let j = i; j < text.length; j++) {
        range.setStart(text, j);
        range.setEnd(text, j + 1);
        const r = [...range.getClientRects()].find((x) => x.width > 0 || x.height > 0);
        if (r) return !inFirst(r, b);
      }
      return true;
    };
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (outside(mid)) hi = mid;
      else lo = mid + 1;
    }
    // Never between the halves of a surrogate pair.
    const code = text.data.charCodeAt(lo);
    return code >= 0xdc00 && code <= 0xdfff ? lo - 1 : lo;
  };

  type Point = { container: Node; offset: number };
  /** The first place in `root` (laid out in columns, `b` its box) whose content is past the first column; null when all fits. */
  const firstOutside = (root: Node, b: DOMRect): Point | null => {
    let node: Node | null = root.firstChild;
    while (node) {
      let descend = false;
      if (!blank(node)) {
        const rects = rectsOf(node);
        if (node.nodeType === 3) {
          if (rects.length && !rects.every((r) => inFirst(r, b))) {
            if (!inFirst(rects[0] as DOMRect, b)) return { container: node.parentNode as Node, offset: indexOf(node) };
            return { container: node, offset: firstCharOutside(node as Text, b) };
          }
        } else if (node.nodeType === 1) {
          if (!rects.length) descend = true;
          else if (!rects.every((r) => inFirst(r, b))) {
            if (!inFirst(rects[0] as DOMRect, b) || (node as Element).matches(UNSPLITTABLE) || !node.firstChild) return { container: node.parentNode as Node, offset: indexOf(node) };
            descend = true;
          }
        }
      }
      if (descend && node.firstChild) {
        node = node.firstChild;
        continue;
      }
      while (node && node !== root && !node.nextSibling) node = node.parentNode;
      node = node && node !== root ? node.nextSibling : null;
    }
    return null;
  };

  /** Whether nothing visible lies before (`side` -1) or after (1) an offset in a container. */
  const nothingOn = (container: Node, offset: number, side: -1 | 1): boolean => {
    if (container.nodeType === 3) return !(side < 0 ? (container.textContent ?? '').slice(0, offset) : (container.textContent ?? '').slice(offset)).trim();
    const kids = [...container.childNodes];
    return (side < 0 ? kids.slice(0, offset) : kids.slice(offset)).every(blank);
  };
  /**
   * Moves a cut point out of elements it would leave empty on one side, then before any element
   * that must not be split (unless that would leave the page empty).
   */
  const normalize = (p: Point, root: Node): Point => {
    let { container, offset } = p;
    while (container !== root) {
      if (nothingOn(container, offset, -1)) ({ container, offset } = { container: container.parentNode as Node, offset: indexOf(container) });
      else if (nothingOn(container, offset, 1)) ({ container, offset } = { container: container.parentNode as Node, offset: indexOf(container) + 1 });
      else break;
    }
    let outer: Element | null = null;
    for (let n: Node | null = container.nodeType === 3 ? container.parentNode : container; n && n !== root; n = n.parentNode) {
      const el = n as Element;
      if (el.matches(UNSPLITTABLE) || /avoid/.test(getComputedStyle(el).breakInside)) outer = el;
    }
    if (outer) {
      const before = { container: outer.parentNode as Node, offset: indexOf(outer) };
      if (!atStart(before, root)) return normalize(before, root);
    }
    return { container, offset };
  };
  /** Whether a point has nothing visible of `root` before it. */
  const atStart = (p: Point, root: Node): boolean => {
    const range = doc.createRange();
    range.setStart(root, 0);
    range.setEnd(p.container, p.offset);
    return !range.toString().trim() && !range.cloneContents().querySelector?.('img, svg, math, hr, tr');
  };

  /**
   * Cuts `root`'s content before point `p` out into a fragment. Elements the cut passes through
   * are split as print fragmentation splits them: the first part keeps the id and loses its
   * bottom margin, padding and border, the rest loses the top ones, a split paragraph's first
   * part justifies its last line and its rest has no indent, a split list item no second marker,
   * a list continues its numbering and a table repeats its header.
   */
  const cut = (root: Node, p: Point): DocumentFragment => {
    const partial: Element[] = [];
    for (let n: Node | null = p.container.nodeType === 3 ? p.container.parentNode : p.container; n && n !== root; n = n.parentNode) partial.push(n as Element);
    const numbers = new Map<Element, number>();
    for (const el of partial) {
      if (el.tagName !== 'OL') continue;
      const items = [...el.children].filter((c) => c.tagName === 'LI');
      const first = items.findIndex((li) => partial.includes(li) || (p.container === el ? indexOf(li) >= p.offset : false));
      numbers.set(el, ((el as HTMLOListElement).start || 1) + Math.max(first, 0));
    }
    // Only a cut between two lines of text splits a paragraph; a cut between blocks splits none.
    const inLine = p.container.nodeType === 3 || getComputedStyle(p.container as Element).display.startsWith('inline');
    const innermost = inLine ? partial.find((el) => !getComputedStyle(el).display.startsWith('inline')) : undefined;
    const justified = innermost !== undefined && getComputedStyle(innermost).textAlign === 'justify';
    const range = doc.createRange();
    range.setStart(root, 0);
    range.setEnd(p.container, p.offset);
    const fragment = range.extractContents();
    let clone: Node | null = fragment.lastChild;
    for (const el of [...partial].reverse()) {
      while (clone && clone.nodeType !== 1) clone = clone.previousSibling;
      if (!clone) break;
      const first = clone as HTMLElement;
      const rest = el as HTMLElement;
      rest.removeAttribute('id');
      first.classList.add('continues');
      rest.classList.add('continued');
      if (!getComputedStyle(rest).display.startsWith('inline')) {
        Object.assign(first.style, { marginBottom: '0', paddingBottom: '0', borderBottomWidth: '0' });
        Object.assign(rest.style, { marginTop: '0', paddingTop: '0', borderTopWidth: '0' });
      }
      if (el === innermost) {
        if (justified) first.style.textAlignLast = 'justify';
        rest.style.textIndent = '0';
      }
      if (rest.tagName === 'LI') rest.style.listStyleType = 'none';
      if (numbers.has(el)) (rest as HTMLOListElement).start = numbers.get(el) as number;
      const head = first.tagName === 'TABLE' ? first.querySelector(':scope > thead') : null;
      if (head && !rest.querySelector(':scope > thead')) rest.insertBefore(head.cloneNode(true), rest.firstChild);
      clone = clone.lastChild;
    }
    return fragment;
  };

  /** Drops the top margins of the content that starts a page after an unforced break, as print does. */
  const truncateTopMargins = (root: Element): void => {
    for (let el = root.firstElementChild as HTMLElement | null; el; el = el.firstElementChild as HTMLElement | null) {
      let before = el.previousSibling;
      while (before && blank(before)) before = before.previousSibling;
      if (before) break;
      el.style.marginTop = '0';
    }
  };
  /** Whether the content after a cut starts with a forced page break. */
  const forcedAt = (root: Element): boolean => {
    for (let el = root.firstElementChild as HTMLElement | null; el; el = el.firstElementChild as HTMLElement | null) {
      if (el.dataset.forced) return true;
    }
    return false;
  };

  try {
    // The notes leave the flow; the references stay where they are.
    const notes = new Map<string, HTMLElement>();
    for (const section of sections) {
      for (const aside of section.querySelectorAll<HTMLElement>('aside.footnote')) notes.set(aside.id, aside);
      section.remove();
    }
    const flow = doc.createElement('div');
    flow.className = 'page-flow';
    for (const node of [...body.childNodes]) if (!(node.nodeType === 1 && (node as HTMLElement).hidden)) flow.append(node);
    body.append(flow);
    // Forced page breaks become column breaks while measuring (Chromium ignores page breaks
    // inside columns); named pages are remembered, since a continued section loses its id.
    for (const el of flow.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(el);
      if (FORCED.test(style.breakBefore)) {
        el.style.breakBefore = 'column';
        el.dataset.forced = 'before';
      }
      if (FORCED.test(style.breakAfter)) el.style.breakAfter = 'column';
      if (el.matches('section.chapter') && style.page && style.page !== 'auto') el.dataset.pageName = style.page;
    }
    // Out of the normal flow, at the top: the pages made so far do not move it or get laid out again.
    Object.assign(flow.style, { position: 'absolute', left: '0', top: '0', width: `${W}px`, columnWidth: `${W}px`, columnGap: '0', columnFill: 'auto', height: `${H}px` });
    const measurer = doc.createElement('div');
    Object.assign(measurer.style, { position: 'absolute', left: '0', top: '0', width: `${W}px`, visibility: 'hidden' });
    body.append(measurer);

    const heights = new Map<HTMLElement, number[]>();
    /** A note's height at a page foot, as the first note under the rule or after another. */
    const noteHeight = (note: HTMLElement, first: boolean): number => {
      const known = heights.get(note);
      if (known) return known[first ? 0 : 1] as number;
      const both = [true, false].map((f) => {
        const copy = note.cloneNode(true) as HTMLElement;
        copy.classList.add('page-note');
        copy.classList.toggle('first-on-page', f);
        Object.assign(copy.style, { position: 'static', display: 'flow-root' });
        measurer.append(copy);
        const height = copy.getBoundingClientRect().height;
        copy.remove();
        return height;
      });
      heights.set(note, both);
      return both[first ? 0 : 1] as number;
    };
    /** The height of a page's notes, the first under the rule. */
    const notesHeight = (list: HTMLElement[]): number => list.reduce((sum, note, i) => sum + noteHeight(note, i === 0), 0);
    // Two lines of a note: less is never left at a page's foot.
    const probe = doc.createElement('aside');
    probe.className = 'footnote page-note';
    probe.innerHTML = '<p>x</p>';
    const minNote = 2 * noteHeight(probe, false);
    const bodyLine = parseFloat(getComputedStyle(flow).lineHeight) || 20;

    /**
     * Splits a note so that its first part is at most `space` high at a page foot (`first`: under
     * the rule); null when not even two lines fit. Works on a copy: the note is untouched.
     */
    const splitNote = (note: HTMLElement, space: number, first: boolean): [HTMLElement, HTMLElement] | null => {
      if (space < minNote) return null;
      const columns = doc.createElement('div');
      Object.assign(columns.style, { width: `${W}px`, columnWidth: `${W}px`, columnGap: '0', columnFill: 'auto', height: `${space}px` });
      const copy = note.cloneNode(true) as HTMLElement;
      copy.classList.add('page-note');
      copy.classList.toggle('first-on-page', first);
      Object.assign(copy.style, { position: 'static', display: 'flow-root' });
      columns.append(copy);
      measurer.append(columns);
      try {
        const point = firstOutside(copy, columns.getBoundingClientRect());
        if (!point) return null;
        const at = normalize(point, copy);
        if (atStart(at, copy)) return null;
        const part = copy.cloneNode(false) as HTMLElement;
        part.append(cut(copy, at));
        if (!part.textContent?.trim()) return null;
        copy.removeAttribute('id');
        copy.classList.add('continued');
        for (const el of [part, copy]) {
          el.classList.remove('first-on-page');
          el.style.position = '';
          el.style.display = '';
        }
        return [part, copy];
      } finally {
        columns.remove();
      }
    };

    /** The flow's box after laying it out `h` px high. */
    const layout = (h: number): DOMRect => {
      flow.style.height = `${h}px`;
      return flow.getBoundingClientRect();
    };
    /** Whether a reference stays on the page when the page keeps `h` px for text (at least two lines). */
    const fitsWith = (ref: HTMLElement, h: number): boolean => h >= 2 * bodyLine && onPage(ref, layout(h));
    /** The id of the note a reference leads to. */
    const noteIdOf = (ref: HTMLElement): string => decodeURIComponent((ref.getAttribute('href') ?? '').slice(1));
    /** The references in the flow, in reading order. */
    const refsInFlow = (): HTMLElement[] => [...flow.querySelectorAll<HTMLElement>('a[role="doc-noteref"]')].filter((a) => !a.closest('aside'));
    /** Whether a reference is on the page being made (the first column). */
    const onPage = (ref: HTMLElement, b: DOMRect): boolean => {
      const r = rectsOf(ref)[0];
      return r !== undefined && inFirst(r, b);
    };
    /** The bottom of the line holding a reference, from the flow's top. */
    const lineBottom = (ref: HTMLElement, b: DOMRect): number => {
      const box = rectsOf(ref)[0] as DOMRect;
      const block = ref.closest(BLOCK) ?? ref;
      const range = doc.createRange();
      range.selectNodeContents(block);
      const middle = (box.top + box.bottom) / 2;
      const line = [...range.getClientRects()].filter((r) => inFirst(r, b) && r.top <= middle && r.bottom >= middle);
      return Math.max(box.bottom, ...line.map((r) => r.bottom)) - b.top;
    };
    /**
     * Where the page must end so that a reference's line starts the next one: before the line,
     * earlier when fewer lines than the block's widows would follow, or before the whole block
     * when fewer lines than its orphans would stay.
     */
    const cutBefore = (ref: HTMLElement, b: DOMRect): Point => {
      const block = (ref.closest(BLOCK) ?? ref) as HTMLElement;
      const style = getComputedStyle(block);
      const lineHeight = parseFloat(style.lineHeight) || bodyLine;
      const range = doc.createRange();
      range.selectNodeContents(block);
      // Lines as clusters of box centres, per column (a raised note mark stays on its line).
      const lines: { column: boolean; centre: number }[] = [];
      const boxes = [...range.getClientRects()].filter((r) => r.height > 0).map((r) => ({ column: inFirst(r, b), centre: (r.top + r.bottom) / 2 }));
      for (const box of boxes.sort((x, y) => Number(y.column) - Number(x.column) || x.centre - y.centre)) {
        const last = lines.at(-1);
        if (!last || last.column !== box.column || box.centre - last.centre > lineHeight / 2) lines.push(box);
      }
      const mark = rectsOf(ref)[0] as DOMRect;
      const centre = (mark.top + mark.bottom) / 2;
      let line = lines.findIndex((l) => l.column && Math.abs(l.centre - centre) <= lineHeight / 2);
      if (line < 0) line = lines.filter((l) => l.column).length - 1;
      const widows = Number(style.widows) || 2;
      const orphans = Number(style.orphans) || 2;
      if (lines.length - line < widows) line = lines.length - widows;
      const before = normalize({ container: block.parentNode as Node, offset: indexOf(block) }, flow);
      if (line < orphans) return before;
      const at = firstCharFrom(block, (lines[line] as { centre: number }).centre - lineHeight / 2, b);
      return at ? normalize(at, flow) : before;
    };
    /** The first character of a block on a line whose centre is at `y` or lower, in the first column. */
    const firstCharFrom = (block: Element, y: number, b: DOMRect): Point | null => {
      const range = doc.createRange();
      /** Whether character `i` is on the line or later; null when it has no box. */
      const from = (text: Text, i: number): boolean | null => {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const r = [...range.getClientRects()].find((x) => x.width > 0 || x.height > 0);
        return r ? !inFirst(r, b) || (r.top + r.bottom) / 2 >= y : null;
      };
      /** Whether character `i` or the first boxed one after it is on the line or later. */
      const fromAt = (text: Text, i: number): boolean => {
        for (let j = i; j < text.length; j++) {
          const answer = from(text, j);
          if (answer !== null) return answer;
        }
        return true;
      };
      const walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        if (!node.data.trim() || !fromAt(node, node.length - 1 - (node.data.length - node.data.trimEnd().length))) continue;
        let lo = 0;
        let hi = node.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (fromAt(node, mid)) hi = mid;
          else lo = mid + 1;
        }
        return { container: node, offset: lo };
      }
      return null;
    };

    /**
     * Cuts the flow's content before `point` (all of it when null) into a new page box, with the
     * notes `all` at its foot, each inside the block of its reference (`refOf`), continued ones first.
     */
    const makePage = (point: Point | null, all: HTMLElement[], refOf: (note: HTMLElement) => HTMLElement | undefined): void => {
      const page = doc.createElement('div');
      page.className = 'page-box';
      page.style.height = `${H}px`;
      page.append(cut(flow, point ?? { container: flow, offset: flow.childNodes.length }));
      body.insertBefore(page, flow);
      pages.push(page);
      const name = page.querySelector<HTMLElement>('section.chapter')?.dataset.pageName;
      if (name) page.style.setProperty('page', name);
      if (point && !forcedAt(flow)) truncateTopMargins(flow);
      // A reference that ended up on the page without its note (on the line of a split note)
      // has it start at the next page's foot.
      for (const ref of [...page.querySelectorAll<HTMLElement>('a[role="doc-noteref"]')]) {
        const note = notes.get(noteIdOf(ref));
        if (!note || placed.has(note.id) || ref.closest('aside')) continue;
        placed.add(note.id);
        carry.push(note);
        result.late.push(note.id);
      }
      // The notes: each ending its reference's block (reading order), drawn at the foot.
      let y = H - notesHeight(all);
      all.forEach((note, i) => {
        const height = noteHeight(note, i === 0);
        note.classList.add('page-note');
        note.classList.toggle('first-on-page', i === 0);
        const ref = refOf(note);
        const block = ref && page.contains(ref) ? ref.closest(BLOCK) : null;
        // Inside the block, last: a sibling between blocks would change what sibling selectors
        // (`p + p`, `p:has(+ ul)`) match, and so the heights the page was measured with.
        (block && block !== page ? block : page).append(note);
        note.style.position = 'absolute';
        note.style.width = `${W}px`;
        let holder = note.parentElement as HTMLElement;
        while (holder !== page && getComputedStyle(holder).position === 'static') holder = holder.parentElement as HTMLElement;
        const from = holder.getBoundingClientRect();
        const to = page.getBoundingClientRect();
        note.style.top = `${to.top - from.top - holder.clientTop + y}px`;
        note.style.left = `${to.left - from.left - holder.clientLeft}px`;
        y += height;
      });
    };

    /** Where the pages without notes that start the flow end, as ranges that follow the cuts; none when the first page has notes. */
    const plainPages = (): Range[] => {
      const b = layout(H);
      const rtl = getComputedStyle(flow).direction === 'rtl';
      const first = refsInFlow().find((ref) => notes.has(noteIdOf(ref)) && !placed.has(noteIdOf(ref)));
      const box = first && rectsOf(first)[0];
      const refColumn = box ? Math.floor(((rtl ? b.right - box.right : box.left - b.left) + 1) / W) + 1 : Infinity;
      const ranges: Range[] = [];
      for (let k = 1; k < refColumn; k++) {
        const columns = rtl ? new DOMRect(b.right - k * W, b.top, k * W, b.height) : new DOMRect(b.left, b.top, k * W, b.height);
        const raw = firstOutside(flow, columns);
        if (!raw) break;
        const at = normalize(raw, flow);
        if (atStart(at, flow)) break;
        const range = doc.createRange();
        range.setStart(at.container, at.offset);
        ranges.push(range);
        const skipped = doc.createRange();
        skipped.setStart(at.container, at.offset);
        skipped.setEnd(raw.container, raw.offset);
        if (skipped.toString().trim() || skipped.cloneContents().querySelector('img, svg, math, hr, tr')) break;
      }
      return ranges;
    };

    let carry: HTMLElement[] = [];
    const placed = new Set<string>();
    const pages: HTMLElement[] = [];
    for (let guard = 0; ; guard++) {
      if (guard > 5000) throw new Error('pagination did not end');
      const contentLeft = !!flow.textContent?.trim() || !!flow.querySelector('img, svg, math, hr, table');
      if (!contentLeft && !carry.length) break;
      // The pages before the first column holding a reference whose note is still to place need
      // no notes: they are cut from one layout, since cutting a page leaves the next columns as
      // they were. A cut that had to move off the column's end (out of a block that must not split)
      // changes what follows, so the run stops there.
      if (!carry.length && contentLeft) {
        const cuts = plainPages();
        if (cuts.length) {
          for (const range of cuts) makePage({ container: range.startContainer, offset: range.startOffset }, [], () => undefined);
          continue;
        }
      }
      // Continued notes take at most half the page: the text goes on, and so do its own notes.
      let pageCarry = carry;
      carry = [];
      while (pageCarry.length && notesHeight(pageCarry) > H / 2) {
        const last = pageCarry.at(-1) as HTMLElement;
        const others = pageCarry.slice(0, -1);
        const parts = splitNote(last, H / 2 - notesHeight(others), others.length === 0);
        if (!parts) {
          carry.unshift(last);
          pageCarry = others;
        } else {
          pageCarry = [...others, parts[0]];
          carry.unshift(parts[1]);
          result.split++;
        }
      }
      const chosen: { ref: HTMLElement; note: HTMLElement }[] = [];
      /** The page's notes so far: continued ones first, then its own. */
      const list = (): HTMLElement[] => [...pageCarry, ...chosen.map((c) => c.note)];
      let cutPoint: Point | null = null;
      let full = false;
      for (;;) {
        const b = layout(H - notesHeight(list()));
        if (full || !contentLeft) break;
        const pending = refsInFlow().find((ref) => {
          if (!onPage(ref, b)) return false;
          const id = noteIdOf(ref);
          return notes.has(id) && !placed.has(id) && !chosen.some((c) => c.note.id === id);
        });
        if (!pending) break;
        const note = notes.get(noteIdOf(pending)) as HTMLElement;
        chosen.push({ ref: pending, note });
        if (fitsWith(pending, H - notesHeight(list()))) continue;
        chosen.pop();
        // The note does not fit below its line. With the notes of the line's other references
        // whole, it is split if two of its lines fit; else the line moves to the next page.
        const before = layout(H - notesHeight(list()));
        const top = (rectsOf(pending)[0] as DOMRect).top;
        const group = refsInFlow()
          .filter((ref) => ref !== pending && onPage(ref, before) && Math.abs((rectsOf(ref)[0] as DOMRect).top - top) < 2)
          .map((ref) => ({ ref, note: notes.get(noteIdOf(ref)) }))
          .filter((c): c is { ref: HTMLElement; note: HTMLElement } => c.note !== undefined && !placed.has(c.note.id) && !chosen.some((x) => x.note === c.note));
        // The line's notes must all start on this page: all but the last whole, the last split if
        // two of its lines fit. Else the line moves to the next page; only a line that already
        // starts its page keeps its place, its first note that does not fit split and the rest
        // starting at the next page's foot.
        const lineNotes = [{ ref: pending, note }, ...group];
        /** Puts the line's notes on the page (`strict`: all start here); whether it could. */
        const placeLine = (strict: boolean): boolean => {
          // The text keeps three lines at least; when its widows push the line off the page, the
          // notes give up a line of their room and try again.
          for (let give = 0; give < 3; give++) {
            let space = H - Math.max(lineBottom(pending, before), 3 * bodyLine) - notesHeight(list()) - 1 - give * bodyLine;
            const taken: { ref: HTMLElement; note: HTMLElement }[] = [];
            const rest: HTMLElement[] = [];
            const late: HTMLElement[] = [];
            lineNotes.forEach((c, i) => {
              const first = list().length + taken.length === 0;
              if (rest.length || late.length) late.push(c.note);
              else if (noteHeight(c.note, first) <= space) {
                taken.push(c);
                space -= noteHeight(c.note, first);
              } else {
                const parts = strict && i < lineNotes.length - 1 ? null : splitNote(c.note, space, first);
                if (parts) {
                  taken.push({ ref: c.ref, note: parts[0] });
                  rest.push(parts[1]);
                } else late.push(c.note);
              }
            });
            if (!taken.length || (strict && late.length)) return false;
            chosen.push(...taken);
            if (fitsWith(pending, H - notesHeight(list()))) {
              for (const c of lineNotes) placed.add(c.note.id);
              carry.push(...rest, ...late);
              result.split += rest.length;
              result.late.push(...late.map((n) => n.id));
              return true;
            }
            chosen.splice(chosen.length - taken.length);
          }
          return false;
        };
        if (placeLine(true)) {
          full = true;
          continue;
        }
        const at = cutBefore(pending, layout(H - notesHeight(list())));
        if (!atStart(at, flow)) cutPoint = at;
        else if (placeLine(false)) {
          full = true;
          continue;
        } else {
          // Not even two lines of its first note fit: the notes start at the next page's foot.
          for (const c of lineNotes) {
            placed.add(c.note.id);
            carry.push(c.note);
            result.late.push(c.note.id);
          }
        }
        break;
      }
      for (const { note } of chosen) placed.add(note.id);
      const chosenCount = chosen.length;
      const b = layout(H - notesHeight(list()));
      let point: Point | null = cutPoint;
      if (!point && contentLeft) {
        const outside = firstOutside(flow, b);
        point = outside && normalize(outside, flow);
        if (point && atStart(point, flow)) point = outside;
      }
      makePage(point, list(), (note) => chosen.find((c) => c.note === note)?.ref);
      result.notes += chosenCount;
    }
    flow.remove();
    measurer.remove();
    // A last check: no page's content may reach under its notes or past its foot.
    pages.forEach((page, i) => {
      const box = page.getBoundingClientRect();
      const noteTop = Math.min(box.bottom, ...[...page.querySelectorAll<HTMLElement>('.page-note')].map((n) => n.getBoundingClientRect().top));
      let bottom = box.top;
      for (const el of page.querySelectorAll('*')) {
        if (el.closest('.page-note')) continue;
        for (const r of rectsOf(el)) bottom = Math.max(bottom, r.bottom);
      }
      if (bottom > noteTop + 1 || bottom > box.bottom + 1) result.overfull.push(i + 1);
      result.noteChars.push([...page.querySelectorAll('.page-note')].reduce((n, note) => n + (note.textContent ?? '').replace(/[\s\u00ad\u200b-\u200d\u2060\ufeff]/g, '').length, 0));
    });
    pages.at(-1)?.classList.add('last');
    result.pages = pages.length;
    return result;
  } catch (error) {
    body.innerHTML = snapshot;
    await Promise.all([...doc.images].map((i) => (i.complete ? null : new Promise((done) => (i.onload = i.onerror = done)))));
    return { ...result, pages: 0, notes: 0, noteChars: [], fallback: (error as Error)?.message ?? String(error) };
  }
}
