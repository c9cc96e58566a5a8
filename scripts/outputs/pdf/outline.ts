/** PDF bookmarks: parts, chapters and their h2/h3 sections, each pointing at its page. */
import { PDFDict, PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { TocEntry } from '../toc.js';
import { explicitDest, type Target } from './destinations.js';

const N = PDFName.of;

/** Writes the outline from the TOC tree; `targetOf` says where each entry lands. */
export function writeOutline(book: PDFDocument, toc: TocEntry[], targetOf: (entry: TocEntry) => Target | undefined): void {
  if (!toc.length) return;
  const rootRef = book.context.nextRef();
  const count = addItems(book, toc, rootRef, targetOf);
  const root = book.context.obj({ Type: 'Outlines' });
  if (count.first && count.last) {
    root.set(N('First'), count.first);
    root.set(N('Last'), count.last);
    root.set(N('Count'), PDFNumber.of(count.visible));
  }
  book.context.assign(rootRef, root);
  book.catalog.set(N('Outlines'), rootRef);
  book.catalog.set(N('PageMode'), N('UseOutlines'));
}

/** Creates the items of one level, linked as siblings under `parent`; sections start closed. */
function addItems(
  book: PDFDocument,
  entries: TocEntry[],
  parent: PDFRef,
  targetOf: (entry: TocEntry) => Target | undefined,
): { first?: PDFRef; last?: PDFRef; visible: number } {
  const refs = entries.map(() => book.context.nextRef());
  entries.forEach((entry, i) => {
    const ref = refs[i] as PDFRef;
    const item = book.context.obj({}) as PDFDict;
    item.set(N('Title'), PDFHexString.fromText(entry.title));
    item.set(N('Parent'), parent);
    if (i > 0) item.set(N('Prev'), refs[i - 1] as PDFRef);
    if (i < refs.length - 1) item.set(N('Next'), refs[i + 1] as PDFRef);
    const target = targetOf(entry);
    if (target) item.set(N('Dest'), explicitDest(book, target));
    if (entry.children.length) {
      const kids = addItems(book, entry.children, ref, targetOf);
      if (kids.first && kids.last) {
        item.set(N('First'), kids.first);
        item.set(N('Last'), kids.last);
        // Negative: closed. Parts stay open so the chapters show at once.
        item.set(N('Count'), PDFNumber.of(entry.chapter ? -entry.children.length : kids.visible));
      }
    }
    book.context.assign(ref, item);
  });
  const visible = entries.reduce((n, e) => n + 1 + (!e.chapter ? e.children.length : 0), 0);
  return { first: refs[0], last: refs.at(-1), visible };
}
