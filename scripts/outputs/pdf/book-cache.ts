/**
 * The finished PDF across command-line builds, over the book's disk cache, with its preflight
 * report, print layout and messages: a rebuild of an unchanged book writes the previous PDF again,
 * byte for byte, without starting Chromium or loading pdf-lib. The key is made of the chapters'
 * content addresses (`treeKey`, which covers their Markdown, includes, the parser's settings and
 * the book's plugins), the whole configuration, the images, the print stylesheet and the Chromium
 * build; a book with a chapter that has no content address is never cached. This module loads
 * nothing heavy: it runs before the printing modules are needed.
 */
import type { Cache, Namespace } from '../../cache/cache.js';
import { withMessages } from '../../cache/codec.js';
import { hashParts } from '../../cache/key.js';
import type { Key } from '../../cache/store.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { Chapter, Manuscript } from '../../manuscript/model.js';
import type { PrintLayout } from '../print-layout.js';
import { browserStamp } from './browser.js';
import type { Preflight } from './preflight.js';

/** A finished PDF and everything its build reported besides the file. */
export interface CachedBook {
  pdf: Uint8Array;
  preflight: Preflight;
  layout: PrintLayout;
  /** The problems the PDF output recorded, replayed on a hit (as recorded: `--release` escalates them again). */
  messages: Diagnostic[];
  /** The progress line's counts: chapter documents, and sections printed inside them. */
  documents: number;
  nested: number;
}

/** The book's PDF in the cache: one version, the last one built. */
export class BookCache {
  private readonly books: Namespace<CachedBook>;

  /** The namespace in `cache` (the book's disk cache). */
  constructor(cache: Cache) {
    this.books = cache.namespace('pdf-book', withMessages<CachedBook>());
  }

  /** The key of the whole PDF, or undefined when a chapter has no content address. */
  key(manuscript: Manuscript): Key | undefined {
    const keys = chapterKeys(manuscript);
    if (!keys) return undefined;
    const print = manuscript.styles.print;
    return this.books.key(browserStamp(), print.css, ...print.assets.map((a) => a.href), ...keys.values());
  }

  /** The PDF built last under `key`, if it is still in the cache. */
  get(key: Key): CachedBook | undefined {
    return this.books.get(key);
  }

  /** Keeps the finished PDF under `key`, in place of the book's earlier versions. */
  set(key: Key, book: CachedBook): void {
    this.books.set(key, book);
    this.books.sweep();
  }
}

/**
 * A content address of each chapter as printed: its place, titles, headings and tree, with the
 * whole configuration and the images; undefined when a chapter has no content address.
 */
export function chapterKeys(manuscript: Manuscript): Map<Chapter, string> | undefined {
  if (manuscript.chapters.some((c) => c.treeKey === undefined)) return undefined;
  const shared = hashParts(JSON.stringify(manuscript.config), ...manuscript.assets.keys());
  return new Map(manuscript.chapters.map((c) => [c, hashParts(shared, JSON.stringify([c.id, c.source, c.line, c.title, c.depth, c.partTitle, c.outsideParts, c.role, c.headings, c.treeKey]))]));
}
