/**
 * Chapter print documents, and what the preflight reads from their PDFs, across command-line
 * builds: the print passes and the serialization cost about a second on a 500-page book, reading
 * every page's fill as long, and after a one-chapter edit all but one document come out the same.
 * Documents are keyed by their chapters' content addresses (book-cache.ts), fills by the printed
 * bytes; one version of each is kept.
 */
import { createHash } from 'node:crypto';
import type { Cache } from '../../cache/cache.js';
import type { Chapter, Manuscript } from '../../manuscript/model.js';
import type { OutputPasses } from '../../markdown/passes.js';
import { chapterKeys } from './book-cache.js';
import { groupDocument, type PrintDocument } from './chapter-html.js';
import type { Geometry } from './geometry.js';
import { pageFills } from './page-fill.js';
import type { PrintedPages } from './bundle.js';
import type { PrintedDocument } from './render.js';

/** The print document of each group of chapters, from `cache` where its inputs are unchanged. */
export function cachedDocuments(cache: Cache, manuscript: Manuscript, groups: Chapter[][], passes: OutputPasses): PrintDocument[] {
  const documents = cache.namespace<PrintDocument>('print-document');
  const keys = chapterKeys(manuscript);
  const made = groups.map((group) => {
    // A group's document depends on its chapters only (each key holds the configuration and images too).
    const key = keys && documents.key(...group.map((c) => keys.get(c) as string));
    const hit = key && documents.get(key);
    if (hit) return hit;
    const doc = groupDocument(group, manuscript.config, passes, true);
    if (key) documents.set(key, doc);
    return doc;
  });
  documents.sweep();
  return made;
}

/**
 * Each printed document's page fills (`pageFills` of `printed[i]`'s pages, loaded as `docs[i]`),
 * from `cache` for the bytes (and the part of a bundle) it has seen.
 */
export function cachedPageFills(cache: Cache, printed: PrintedDocument[], docs: PrintedPages[], geometry: Geometry): number[][] {
  const fills = cache.namespace<number[]>('page-fills');
  const layout = JSON.stringify(geometry);
  // A bundle's PDF is every one of its documents' PDF: hashed once.
  const hashes = new Map<Uint8Array, string>();
  const found = printed.map(({ pdf, part }, i) => {
    const hash = hashes.get(pdf) ?? createHash('sha256').update(pdf).digest('hex');
    hashes.set(pdf, hash);
    const key = fills.key(layout, hash, String(part?.index ?? ''));
    const hit = fills.get(key);
    if (hit) return hit;
    const made = pageFills((docs[i] as PrintedPages).pages, geometry);
    fills.set(key, made);
    return made;
  });
  fills.sweep();
  return found;
}
