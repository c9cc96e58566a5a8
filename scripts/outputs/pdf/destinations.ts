/**
 * Named destinations and links across the merged book. Chromium writes a destination per link
 * target in each document, links to other documents as file:// URIs, and links inside a document
 * as named destinations that would collide after merging. Every internal link becomes an explicit
 * destination on the book's page.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNull, PDFNumber, PDFString, PDFHexString, type PDFPage } from 'pdf-lib';
import type { Diagnostics } from '../../diagnostics.js';
import { decodePercent, schemeOf } from '../../paths.js';
import type { PlacedPart } from './assemble.js';
import { renamedPrefix, type PrintedPages } from './bundle.js';
import { pt, type Geometry } from './geometry.js';

/** A place in the book: a page and the height (PDF points from the bottom) to show at the top. */
export interface Target {
  page: PDFPage;
  /** Book page index. */
  pageIndex: number;
  y: number;
}

const N = PDFName.of;

/** A destination written by Chromium, in its source document. */
interface SourceDest {
  pageIndex: number;
  y: number;
}

/** Reads a document's named destinations (the catalog's /Dests, as Chromium writes them). */
export function readDests(doc: PDFDocument): Map<string, SourceDest> {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const result = new Map<string, SourceDest>();
  const dests = doc.catalog.lookupMaybe(N('Dests'), PDFDict);
  if (!dests) return result;
  for (const [name, value] of dests.entries()) {
    let array = doc.context.lookup(value);
    if (array instanceof PDFDict) array = array.lookup(N('D'));
    if (!(array instanceof PDFArray)) continue;
    const index = pageIndex.get(array.get(0).toString());
    const y = array.get(3);
    if (index === undefined) continue;
    result.set(decodePercent(name.decodeText()), { pageIndex: index, y: y instanceof PDFNumber ? y.asNumber() : 0 });
  }
  return result;
}

/**
 * The destinations on a printed document's pages (`printed`), by page within them: in a bundle's
 * PDF, those on its own pages, with the prefix its repeated ids were given taken off.
 */
export function partDests(printed: PrintedPages): Map<string, SourceDest> {
  const all = readDests(printed.doc);
  if (!printed.bundle) return all;
  const first = printed.doc.getPages().indexOf(printed.pages[0] as PDFPage);
  const prefix = renamedPrefix(printed.bundle.index);
  const own = new Map<string, SourceDest>();
  for (const [id, dest] of all) {
    const pageIndex = dest.pageIndex - first;
    if (pageIndex < 0 || pageIndex >= printed.pages.length) continue;
    // The renamed id stands for the document's own: it wins over an unrenamed one of the same name.
    const name = id.startsWith(prefix) ? id.slice(prefix.length) : id;
    if (name === id && own.has(name)) continue;
    own.set(name, { pageIndex, y: dest.y });
  }
  return own;
}

/**
 * All targets of the book keyed `name#id` (and `name` for a document's first page). A document
 * that prints several chapters (`chaptersIn`, by document name: a chapter and its nested sections)
 * answers to each chapter's name too, `name` being its section's destination. Chromium measures
 * destinations from the top of the page's content box, so the top margin is taken off.
 */
export function collectTargets(parts: PlacedPart[], geometry: Geometry, chaptersIn: ReadonlyMap<string, string[]> = new Map()): Map<string, Target> {
  const targets = new Map<string, Target>();
  const marginTop = pt(geometry.margins.top);
  for (const part of parts) {
    const first = part.pages[0];
    if (first) targets.set(part.name, { page: first, pageIndex: part.first, y: topOf(first) });
    const names = [part.name, ...(chaptersIn.get(part.name) ?? []).filter((name) => name !== part.name)];
    for (const [id, dest] of partDests(part.source)) {
      const page = part.pages[dest.pageIndex];
      if (!page) continue;
      const target = { page, pageIndex: part.first + dest.pageIndex, y: Math.min(topOf(page), dest.y - marginTop + 4) };
      // Ids are unique in a document: under every chapter's name, `ch06#id` finds what ch06 holds.
      for (const name of names) targets.set(`${name}#${id}`, target);
    }
    for (const name of names.slice(1)) {
      const section = targets.get(`${part.name}#${name}`);
      if (section) targets.set(name, section);
    }
  }
  return targets;
}

/** The top edge of a page's box. */
function topOf(page: PDFPage): number {
  const box = page.getMediaBox();
  return box.y + box.height;
}

/** Points every internal link at its target in the book; returns how many were rewritten. */
export function rewriteLinks(parts: PlacedPart[], targets: Map<string, Target>, diagnostics: Diagnostics): number {
  let rewritten = 0;
  for (const part of parts) {
    for (const page of part.pages) {
      const annots = page.node.Annots();
      for (let i = 0; annots && i < annots.size(); i++) {
        const annot = annots.lookup(i, PDFDict);
        const key = linkKey(annot, part.name, part.source.bundle && renamedPrefix(part.source.bundle.index));
        if (!key) continue;
        const target = targets.get(key) ?? targets.get(key.split('#')[0] as string);
        if (!target) {
          diagnostics.warn(`PDF: link to ${key} has no target in the book`);
          continue;
        }
        annot.delete(N('A'));
        annot.set(N('Dest'), explicitDest(page.doc, target));
        rewritten++;
      }
    }
  }
  return rewritten;
}

/** A `[page /XYZ null y null]` destination (keep the zoom, scroll the target to the top). */
export function explicitDest(doc: PDFDocument, target: Target): PDFArray {
  return doc.context.obj([target.page.ref, N('XYZ'), PDFNull, target.y, PDFNull]);
}

/**
 * The `name#id` a link annotation points to inside the book, or undefined for outside links;
 * `prefix`: what the document's repeated ids were given in its bundle, taken off again.
 */
function linkKey(annot: PDFDict, partName: string, prefix?: string): string | undefined {
  const dest = annot.get(N('Dest'));
  if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString) {
    const id = decodePercent(dest.decodeText());
    return `${partName}#${prefix && id.startsWith(prefix) ? id.slice(prefix.length) : id}`;
  }
  const action = annot.lookupMaybe(N('A'), PDFDict);
  if (!action || action.get(N('S')) !== N('URI')) return undefined;
  const uri = action.lookup(N('URI'));
  if (!(uri instanceof PDFString || uri instanceof PDFHexString)) return undefined;
  const text = uri.decodeText();
  if (schemeOf(text) !== 'file') return undefined;
  const url = new URL(text);
  const name = (url.pathname.split('/').pop() ?? '').replace(/\.x?html$/, '');
  return url.hash ? `${name}#${decodePercent(url.hash.slice(1))}` : name;
}
