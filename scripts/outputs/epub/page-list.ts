/**
 * The print edition's page breaks in the EPUB (EPUB Accessibility 1.1, page navigation): an empty
 * `doc-pagebreak` marker where each printed page of a chapter begins, found by the text the page
 * begins with (print-layout.ts), and the page-list the nav document lists them in. The print
 * and e-book texts are alike but not equal (the print edition adds link addresses, list markers,
 * code-line marks; notes sit elsewhere), so each page's first characters are searched for near where
 * the previous page's length says the page should begin, skipping a few characters the EPUB lacks.
 * A marker never splits a word: it goes before the word the page begins in, and before the block
 * when the page begins with one. Pages without text (blank, or a lone image) get no marker.
 */
import type { Element, ElementContent, Nodes, Parent, Root, Text } from 'hast';
import { h } from 'hastscript';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import { headLength, ignored } from '../pdf/page-starts.js';
import type { PrintLayout } from '../print-layout.js';

/** A chapter of the EPUB: its id, its file and its content, which markers are put into. */
export interface MarkedChapter {
  id: string;
  href: string;
  content: ElementContent[];
}

/** An entry of the page-list: a marker's place and the folio it stands for. */
export interface PageEntry {
  href: string;
  folio: string;
}

/** A run of this many characters is taken as the same text in both editions. */
const gram = 12;

/** Elements whose own children may not include a marker: their content models list their children. */
const noPhrasingChildren = new Set(['ul', 'ol', 'dl', 'menu', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup', 'select', 'optgroup', 'datalist', 'details', 'figure', 'fieldset', 'picture', 'ruby', 'hgroup', 'video', 'audio']);

/** Foreign content, where an HTML marker cannot go: it goes before the whole formula or drawing. */
const foreign = new Set(['svg', 'math']);

/** Elements whose text is never set on a page: style sheets and scripts (a drawing's own), a drawing's title and description, a formula's TeX source. */
const unprinted = new Set(['style', 'script', 'template', 'title', 'desc', 'annotation', 'annotation-xml']);

/** A text node of a chapter, with what it takes to put a marker into it. */
interface TextPlace {
  chapter: MarkedChapter;
  node: Text;
  /** Its ancestors, the chapter's root first. */
  ancestors: Parent[];
}

/** The text of a chapter document's EPUB chapters, white space left out, each character with its place. */
interface Stream {
  text: string;
  /** For each character of `text`: its text node (index into `places`) and offset in it. */
  place: Int32Array;
  offset: Int32Array;
  places: TextPlace[];
}

/** A marker to put in: where, and for which folio. */
interface Marker {
  chapter: MarkedChapter;
  /** The text node and offset the page begins at, or none for the chapter's start. */
  at?: { place: TextPlace; offset: number };
  folio: string;
}

/**
 * Puts a page-break marker into `chapters` (their content is changed) where each printed page of
 * `layout` begins, and returns the page-list in page order, with how many pages were not found.
 */
export function placePageBreaks(chapters: MarkedChapter[], layout: PrintLayout, lang: string): { pages: PageEntry[]; missed: number } {
  const byId = new Map(chapters.map((c) => [c.id, c]));
  const words = new Intl.Segmenter(lang, { granularity: 'word' });
  const markers: Marker[] = [];
  const ids = new Map<MarkedChapter, Set<string>>();
  let missed = 0;
  for (const document of layout.documents) {
    const own = document.chapters.flatMap((id) => byId.get(id) ?? []);
    const [opener] = own;
    if (!opener) continue;
    const stream = streamOf(own, ids);
    // The last page found: where it begins in the EPUB's text and in the print edition's.
    let found = { epub: -1, print: 0 };
    let printed = 0;
    document.pages.forEach((page, k) => {
      const start = printed;
      printed += page.length;
      if (k === 0) {
        markers.push({ chapter: opener, folio: page.folio });
        found = { epub: 0, print: 0 };
        return;
      }
      const at = findPage(stream, page.head, found, start);
      if (at === undefined) {
        if (page.length > 0) missed++;
        return;
      }
      found = { epub: at.epub, print: at.print };
      const place = stream.places[stream.place[at.epub] as number] as TextPlace;
      markers.push({ chapter: place.chapter, at: { place, offset: wordStart(place.node.value, stream.offset[at.epub] as number, words) }, folio: page.folio });
    });
  }
  const pages = markers.map((marker) => ({ href: `${marker.chapter.href}#${markerId(marker, ids)}`, folio: marker.folio }));
  // From the last marker back: splitting a text node leaves the offsets before it as they were.
  for (let i = markers.length - 1; i >= 0; i--) insert(markers[i] as Marker, (pages[i] as PageEntry).href.split('#')[1] as string);
  return { pages, missed };
}

/**
 * The text of `chapters` as one stream, leaving out white space (the print edition's lines break
 * elsewhere) and text never printed; the ids each chapter holds go into `ids`.
 */
function streamOf(chapters: MarkedChapter[], ids: Map<MarkedChapter, Set<string>>): Stream {
  const places: TextPlace[] = [];
  const text: string[] = [];
  const place: number[] = [];
  const offset: number[] = [];
  for (const chapter of chapters) {
    const own = new Set<string>();
    ids.set(chapter, own);
    visitParents({ type: 'root', children: chapter.content } as Root, (node: Nodes, ancestors: Parent[]) => {
      if (node.type === 'element') {
        if (typeof node.properties.id === 'string') own.add(node.properties.id);
        return unprinted.has(node.tagName) ? SKIP : undefined;
      }
      if (node.type !== 'text') return undefined;
      const index = places.push({ chapter, node, ancestors }) - 1;
      for (let i = 0; i < node.value.length; i++) {
        if (ignored.test(node.value[i] as string)) continue;
        text.push(node.value[i] as string);
        place.push(index);
        offset.push(i);
      }
      return undefined;
    });
  }
  return { text: text.join(''), place: Int32Array.from(place), offset: Int32Array.from(offset), places };
}

/**
 * Where a page beginning with `head` begins in the EPUB's text: the first run of `gram` of its
 * characters found after the previous page (`found`), nearest to where the previous page's length
 * puts it (`start`: where it begins in the print edition's text). A run the EPUB lacks is skipped.
 */
function findPage(stream: Stream, head: string, found: { epub: number; print: number }, start: number): { epub: number; print: number } | undefined {
  const size = Math.min(gram, head.length);
  // Too short a run would be found anywhere.
  if (size < 4) return undefined;
  const distance = start - found.print;
  for (let skip = 0; skip + size <= Math.min(head.length, headLength); skip++) {
    const run = head.slice(skip, skip + size);
    const expected = found.epub + distance + skip;
    // The EPUB's text differs from the print edition's by a share of its length: allow for it.
    const slack = 64 + Math.ceil(distance * 0.25);
    let best: number | undefined;
    for (let at = stream.text.indexOf(run, found.epub + 1); at !== -1 && at <= expected + slack; at = stream.text.indexOf(run, at + 1)) {
      if (at >= expected - slack && (best === undefined || Math.abs(at - expected) < Math.abs(best - expected))) best = at;
    }
    if (best !== undefined) return { epub: best, print: start + skip };
  }
  return undefined;
}

/** The start of the word holding the character at `offset` of `text`. */
function wordStart(text: string, offset: number, words: Intl.Segmenter): number {
  return words.segment(text).containing(offset)?.index ?? offset;
}

/** The marker's id, `page-N`, unless its chapter already has that id (`ids`: the ids of each chapter). */
function markerId(marker: Marker, ids: Map<MarkedChapter, Set<string>>): string {
  const taken = ids.get(marker.chapter) ?? new Set<string>();
  const plain = `page-${marker.folio}`;
  const id = taken.has(plain) ? `print-page-${marker.folio}` : plain;
  taken.add(id);
  return id;
}

/** Puts `marker` into its chapter: at the chapter's start, or where its page begins. */
function insert(marker: Marker, id: string): void {
  const span = h('span', { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id, ariaLabel: marker.folio });
  if (!marker.at) {
    marker.chapter.content.unshift(span);
    return;
  }
  const { place, offset } = marker.at;
  // The chapter's root (its children are the content), then the elements down to the text.
  const { ancestors, node } = place;
  const outermostForeign = ancestors.findIndex((a) => a.type === 'element' && foreign.has((a as Element).tagName));
  if (offset > 0 && outermostForeign === -1) {
    // Inside the text: the node keeps what comes before (earlier markers' offsets stay right), the rest follows the marker.
    const parent = ancestors.at(-1) as Parent;
    parent.children.splice(parent.children.indexOf(node) + 1, 0, span, { type: 'text', value: node.value.slice(offset) });
    node.value = node.value.slice(0, offset);
    return;
  }
  // Before the text, or before the formula or drawing it is in; then out of every element it
  // begins, while the element around that one may hold a marker.
  let depth = outermostForeign === -1 ? ancestors.length - 1 : outermostForeign - 1;
  let child: Parent | Text = outermostForeign === -1 ? node : (ancestors[outermostForeign] as Parent);
  while (depth > 0 && startsWith(ancestors[depth] as Parent, child)) {
    const outer = ancestors[depth - 1] as Parent;
    if (outer.type === 'element' && noPhrasingChildren.has((outer as Element).tagName)) break;
    child = ancestors[depth] as Parent;
    depth--;
  }
  const siblings = (ancestors[depth] as Parent).children;
  siblings.splice(siblings.indexOf(child as ElementContent), 0, span);
}

/** Whether nothing with text comes before `child` in `parent`. */
function startsWith(parent: Parent, child: Parent | Text): boolean {
  for (const sibling of parent.children) {
    if (sibling === child) return true;
    if (hasText(sibling)) return false;
  }
  return false;
}

/** Whether a node holds any character other than white space. */
function hasText(node: Parent['children'][number]): boolean {
  if (node.type === 'text') return /\S/.test(node.value);
  return 'children' in node && node.children.some((c) => hasText(c as Parent['children'][number]));
}
