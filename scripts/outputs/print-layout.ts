/**
 * What the print edition's pages are, as the EPUB's page-list needs them: for every chapter
 * document, each page's folio and the text it begins with. The PDF output makes it and publishes it
 * in the build's context; it also keeps it in the book's cache, under a key of everything the
 * pages depend on, so that an EPUB-only build of the same book finds it without printing.
 */
import path from 'node:path';
import type { Cache } from '../cache/cache.js';
import { hashParts } from '../cache/key.js';
import type { Key } from '../cache/store.js';
import type { Manuscript } from '../manuscript/model.js';
import type { RenderContext } from './output.js';

/** One printed page of a chapter document. */
export interface PrintedPage {
  /** The folio printed on it (`12`, or `xii` in roman front matter). */
  folio: string;
  /** Its body text's first characters, white space left out (pdf/page-starts.ts). */
  head: string;
  /** How many characters of body text the page holds. */
  length: number;
}

/** The print pages of the book's chapter documents, in book order. */
export interface PrintLayout {
  documents: {
    /** The ids of the chapters printed in the document: a chapter and the sections nested under it. */
    chapters: string[];
    pages: PrintedPage[];
  }[];
}

/** Settings that change no printed page: where the book is, when it was built, EPUB-only options. */
const unprinted = new Set(['root', 'layout', 'modified', 'epub', 'accessibility', 'pageList', 'description', 'subjects']);

/** The cache key of a book's print layout: its chapters' trees, its print stylesheet and its settings. */
function layoutKey(cache: Cache, manuscript: Manuscript): Key {
  const { config, chapters, styles } = manuscript;
  const settings = JSON.stringify(config, (key, value: unknown) => (unprinted.has(key) ? undefined : value));
  const trees = chapters.map((c) => hashParts(c.id, c.title, String(c.depth), c.partTitle ?? '', c.treeKey ?? JSON.stringify(c.tree)));
  return cache.namespace<PrintLayout>('print-layout').key(settings, styles.print.css, ...styles.print.assets.map((a) => a.href), ...trees);
}

/** Keeps `layout` as the print layout of `manuscript`, dropping the layouts of earlier versions of the book. */
export function storePrintLayout(cache: Cache, manuscript: Manuscript, layout: PrintLayout): void {
  const namespace = cache.namespace<PrintLayout>('print-layout');
  namespace.set(layoutKey(cache, manuscript), layout);
  namespace.sweep();
}

/** The print layout a PDF build of this same manuscript left in the cache, if any. */
export function cachedPrintLayout(cache: Cache, manuscript: Manuscript): PrintLayout | undefined {
  return cache.namespace<PrintLayout>('print-layout').get(layoutKey(cache, manuscript));
}

/**
 * The print layout for the EPUB's page-list: the one the PDF output of this build published, else
 * the one an earlier PDF build left in the cache, else (with `pageList: true`) pages laid out now
 * without writing a PDF. Without one, the EPUB has no page-list, and one info line says why.
 */
export async function findPrintLayout(context: RenderContext): Promise<PrintLayout | undefined> {
  const cached = context.printLayout ?? (context.cache && cachedPrintLayout(context.cache, context.manuscript));
  if (cached) return cached;
  if (context.manuscript.config.pageList) {
    await (await import('./pdf/index.js')).layOutPages(context);
    return context.printLayout;
  }
  context.diagnostics.info(
    `EPUB: no page-list: this book's print pages are not in the cache${context.cache ? '' : ' (--no-cache)'}; build the PDF too, or set pageList: true in book.yaml to lay them out`,
    context.config.layout.metadataFile && path.relative(context.config.root, context.config.layout.metadataFile),
    undefined,
    undefined,
    'page-list',
  );
  return undefined;
}
