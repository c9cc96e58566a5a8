/**
 * Several chapter documents printed as one PDF. Each `page.pdf` costs a fixed ~100 ms and embeds its
 * own subset of every font slice its text touches, which a book of many short CJK chapters pays
 * per chapter (bench/what-we-tried.md). So a tab prepares the documents of a bundle one after the
 * other, exactly as when each is printed alone (its own body, footnote pagination, measurements),
 * sets each aside, then puts them back one after the other, each from a new page, and prints once.
 * The assembly takes each document's pages out of the bundle again (`bundleParts`); running heads
 * and mirrored margins, which depend on where a page lands in the book, are set there
 * (running-heads.ts), not by Chromium.
 */
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, type PDFPage } from 'pdf-lib';
import { decodePercent } from '../../paths.js';

/** Id of the element that holds document `k` of a bundle; its destination is the document's first page. */
const partId = (k: number): string => `book-bundle-part-${k}`;

/** The prefix that document `k` of a bundle gives to an id an earlier document of the bundle already has (`combineScript` writes it too). */
export const renamedPrefix = (k: number): string => `p${k}~`;

/**
 * How many documents, and how much HTML, one bundle holds at most: about 50 pages (~2,000
 * characters of HTML a page), where a print's cost per page has come down from ~40 ms (one short
 * chapter) to ~10 ms; bundles of 150 pages printed no faster and took ~200 MB more memory.
 */
const MAX_DOCUMENTS = 16;
const MAX_BODY_CHARS = 120_000;

/** Cuts a tab's list of documents, in order, into bundles of even size (a last bundle of two would pay the fixed cost for little). */
export function bundlesOf<T extends { doc: { body: string } }>(items: T[]): T[][] {
  const chars = items.reduce((sum, item) => sum + item.doc.body.length, 0);
  const count = Math.max(Math.ceil(items.length / MAX_DOCUMENTS), Math.ceil(chars / MAX_BODY_CHARS), 1);
  const size = Math.ceil(items.length / count);
  const bundles: T[][] = [];
  let chunk: T[] = [];
  let chunkChars = 0;
  for (const item of items) {
    // A very long chapter may still fill a bundle early.
    if (chunk.length && (chunk.length >= size || chunkChars + item.doc.body.length > MAX_BODY_CHARS)) {
      bundles.push(chunk);
      chunk = [];
      chunkChars = 0;
    }
    chunk.push(item);
    chunkChars += item.doc.body.length;
  }
  if (chunk.length) bundles.push(chunk);
  return bundles;
}

/**
 * The script (run in the print page once document `k` is prepared) that moves the body's content
 * into the element that will hold it in the bundle, kept out of the document meanwhile.
 */
export function setAsideScript(k: number): string {
  return `(() => {
    const part = document.createElement('div');
    part.className = 'book-bundle-part';
    part.id = ${JSON.stringify(partId(k))};
    part.append(...document.body.childNodes);
    (window.bookBundle ??= []).push(part);
    return true;
  })()`;
}

/**
 * The script that puts the documents set aside back into the body, each after a page break, with
 * the style of every one of them (`styles`). An id that an earlier document of the bundle already
 * has is given the document's prefix (footnotes are numbered per chapter), and so are the links and
 * references to it inside that document; ids inside SVG drawings, which their own drawing refers
 * to, stay as they are.
 */
export function combineScript(styles: string[]): string {
  return `(() => {
    const parts = window.bookBundle || [];
    window.bookBundle = [];
    const seen = new Set();
    const references = ['headers', 'for', 'aria-describedby', 'aria-labelledby', 'aria-details', 'aria-controls', 'aria-owns'];
    parts.forEach((part, k) => {
      const elements = [...part.querySelectorAll('[id]')].filter((el) => !el.closest('svg'));
      const renamed = new Map();
      for (const el of elements) if (k > 0 && seen.has(el.id)) renamed.set(el.id, 'p' + k + '~' + el.id);
      for (const el of elements) {
        if (renamed.has(el.id)) el.id = renamed.get(el.id);
        seen.add(el.id);
      }
      if (renamed.size === 0) return;
      for (const el of part.querySelectorAll('[href^="#"]')) {
        if (el.closest('svg')) continue;
        const target = renamed.get(decodeURIComponent(el.getAttribute('href').slice(1)));
        if (target) el.setAttribute('href', '#' + target);
      }
      for (const name of references) {
        for (const el of part.querySelectorAll('[' + name + ']')) {
          el.setAttribute(name, el.getAttribute(name).split(/\\s+/).map((id) => renamed.get(id) || id).join(' '));
        }
      }
    });
    document.getElementById('document-style').textContent = ${JSON.stringify([...new Set(styles)].join('\n'))};
    // Chromium writes a destination only for ids that a link points at.
    const links = document.createElement('nav');
    links.hidden = true;
    links.style.display = 'none';
    parts.forEach((part) => { const a = document.createElement('a'); a.href = '#' + part.id; links.append(a); });
    document.body.replaceChildren(links, ...parts);
    return parts.length;
  })()`;
}

/** CSS of a bundle: each document after the first starts a page; an empty one still has a place for its destination. */
export const bundleCss = '.book-bundle-part { min-height: 1px; } .book-bundle-part + .book-bundle-part { break-before: page; }';

/** A printed document's pages: the whole PDF it was printed as, or its part of a bundle. */
export interface PrintedPages {
  doc: PDFDocument;
  pages: PDFPage[];
  /** Its number among the bundle's documents, when it was printed in one (its repeated ids carry `renamedPrefix(index)`). */
  bundle?: { index: number; count: number };
}

/**
 * The pages of each printed document (`printed`: the PDF and, for a bundle's documents, the part),
 * each PDF loaded once.
 */
export async function loadPrinted(printed: { pdf: Uint8Array; part?: { index: number; count: number } }[]): Promise<PrintedPages[]> {
  const loaded = new Map<Uint8Array, Promise<{ doc: PDFDocument; parts: PDFPage[][] }>>();
  return Promise.all(
    printed.map(async ({ pdf, part }) => {
      let entry = loaded.get(pdf);
      if (!entry) {
        entry = loadPdf(pdf).then((doc) => ({ doc, parts: part ? bundleParts(doc, part.count) : [doc.getPages()] }));
        loaded.set(pdf, entry);
      }
      const { doc, parts } = await entry;
      return { doc, pages: parts[part?.index ?? 0] as PDFPage[], ...(part ? { bundle: part } : {}) };
    }),
  );
}

/**
 * Loads a printed PDF without yielding: pdf-lib waits for a timer every 100 objects by default,
 * about a third of the load time of a chapter's few thousand objects, while nothing else has to run.
 */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false });
}

/** Each part's pages in a bundle's PDF of `count` documents, from the destinations of the elements holding them. */
export function bundleParts(doc: PDFDocument, count: number): PDFPage[][] {
  const pages = doc.getPages();
  const index = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const starts = Array.from({ length: count }, (_, k) => {
    const dest = namedDest(doc, partId(k));
    const start = dest ? index.get(dest.get(0).toString()) : undefined;
    if (start === undefined) throw new Error(`PDF: document ${k + 1} of a bundle has no first page`);
    return start;
  });
  return starts.map((start, k) => pages.slice(start, k + 1 < count ? starts[k + 1] : pages.length));
}

/** A destination of the catalog's /Dests by name. */
function namedDest(doc: PDFDocument, name: string): PDFArray | undefined {
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) {
    if (decodePercent(key.decodeText()) !== name) continue;
    let array = doc.context.lookup(value);
    if (array instanceof PDFDict) array = array.lookup(PDFName.of('D'));
    return array instanceof PDFArray ? array : undefined;
  }
  return undefined;
}
