/**
 * Merges the printed documents into one book and keeps it tagged. pdf-lib's `copyPages` drops the
 * structure tree, so pages are copied by reference with one object copier per source, the tree is
 * copied with the same copier (its page and annotation references then land on the copies), and
 * the parent-tree keys of each source are shifted past those of the previous ones.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import { mergeFontSubsets, type FontMergeStats } from './merge-fonts.js';
import { refineTags } from './tags.js';

/** What a page of the book is, for folios and running heads. */
export type PageKind = 'front-opener' | 'front' | 'opener' | 'body' | 'blank';

/** One source document and the blank pages it needs before it. */
export interface AssemblyPart {
  /** Document name (`front`, `ch01`), the key for links into it. */
  name: string;
  doc: PDFDocument;
  /** Whether it belongs to the front matter (roman folios). */
  front: boolean;
}

/** A source document's place in the book. */
export interface PlacedPart {
  name: string;
  doc: PDFDocument;
  /** The book's copies of the source pages, in order. */
  pages: PDFPage[];
  /** Book page index of its first page. */
  first: number;
}

/** The merged book. */
export interface Assembly {
  book: PDFDocument;
  parts: PlacedPart[];
  kinds: PageKind[];
  /** Pages of front matter (title, copyright, contents, padding): an even number. */
  frontPages: number;
  /** The font subsets the chapters embedded, and the faces they were merged into. */
  fonts: FontMergeStats;
}

const N = PDFName.of;

/** PDF 2.0 structure types Chromium writes, and the PDF 1.7 type each maps to. */
const pdf2Roles = { Aside: 'Div', Strong: 'Span', Em: 'Span', Sub: 'Span', Title: 'P', FENote: 'Note', DocumentFragment: 'Div' };

/** Where each part starts in the book: every part on an odd (right-hand) page, front matter padded to an even count. */
export function layout(pageCounts: number[]): { starts: number[]; total: number } {
  const starts: number[] = [];
  let at = 0;
  for (const count of pageCounts) {
    if (at % 2 === 1) at++;
    starts.push(at);
    at += count;
  }
  return { starts, total: at };
}

/** Merges the parts in order, inserting blank pages so each starts on a right-hand page. */
export async function assemble(parts: AssemblyPart[], lang: string): Promise<Assembly> {
  const book = await PDFDocument.create({ updateMetadata: false });
  const ctx = book.context;
  const rootRef = ctx.nextRef();
  const documentRef = ctx.nextRef();
  const topElements: PDFObject[] = [];
  const parentTree: [number, PDFObject][] = [];
  const kinds: PageKind[] = [];
  const placed: PlacedPart[] = [];
  let keyOffset = 0;
  let frontPages = 0;

  for (const part of parts) {
    const sourceSize = part.doc.getPage(0).getSize();
    if (book.getPageCount() % 2 === 1) {
      book.addPage([sourceSize.width, sourceSize.height]);
      kinds.push('blank');
    }
    const copier = PDFObjectCopier.for(part.doc.context, ctx);
    // By reference, so that the /Pg entries of the tree (copied below with the same copier) point at these copies.
    const pages = part.doc.getPages().map((p) => {
      const ref = copier.copy(p.ref);
      const page = PDFPage.of(ctx.lookup(ref, PDFDict) as never, ref, book);
      book.addPage(page);
      return page;
    });
    pages.forEach((_, i) => kinds.push(i === 0 ? (part.front ? 'front-opener' : 'opener') : part.front ? 'front' : 'body'));
    placed.push({ name: part.name, doc: part.doc, pages, first: book.getPageCount() - pages.length });
    const adopted = topElements.length;
    keyOffset = adoptStructure(part.doc, copier, ctx, pages, documentRef, topElements, parentTree, keyOffset);
    renameElementIds(ctx, topElements.slice(adopted), part.name);
    if (part.front) frontPages = book.getPageCount();
  }
  // The blank page that moves the first chapter to a right-hand page still belongs to the front matter.
  if (frontPages % 2 === 1) frontPages++;

  parentTree.sort((a, b) => a[0] - b[0]);
  const nums = ctx.obj([]);
  for (const [key, value] of parentTree) {
    nums.push(PDFNumber.of(key));
    nums.push(value);
  }
  refineTags(ctx, topElements);
  // A text string: ctx.obj would make a plain string a name (/ko), which readers ignore as a language.
  ctx.assign(documentRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: topElements, Lang: PDFString.of(lang) }));
  // Chromium uses some PDF 2.0 types (<strong> is Strong, <em> Em, an <aside> Aside) in this PDF 1.7
  // file: the role map names each one's PDF 1.7 kin, which 1.7 readers and PDF/UA-1 checkers expect.
  ctx.assign(rootRef, ctx.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: ctx.register(ctx.obj({ Nums: nums })), ParentTreeNextKey: keyOffset, RoleMap: pdf2Roles }));
  book.catalog.set(N('StructTreeRoot'), rootRef);
  book.catalog.set(N('MarkInfo'), ctx.obj({ Marked: true }));
  const fonts = mergeFontSubsets(book);
  return { book, parts: placed, kinds, frontPages, fonts };
}

/**
 * Copies a source's structure tree, hangs its top elements under the book's Document element and
 * shifts its parent-tree keys (on pages, annotations and the tree itself). Returns the next offset.
 */
function adoptStructure(
  src: PDFDocument,
  copier: PDFObjectCopier,
  ctx: PDFContext,
  pages: PDFPage[],
  documentRef: PDFRef,
  topElements: PDFObject[],
  parentTree: [number, PDFObject][],
  offset: number,
): number {
  const rootEntry = src.catalog.get(N('StructTreeRoot'));
  if (!rootEntry) return offset;
  const copied = copier.copy(rootEntry);
  const root = ctx.lookup(copied, PDFDict);
  for (const kid of asList(ctx, root.get(N('K')))) {
    const el = ctx.lookup(kid);
    // Chromium wraps everything in one Document element: adopt its children, drop it.
    if (el instanceof PDFDict && el.get(N('S')) === N('Document')) {
      for (const child of asList(ctx, el.get(N('K')))) {
        const ce = ctx.lookup(child);
        if (ce instanceof PDFDict) ce.set(N('P'), documentRef);
        topElements.push(child);
      }
      if (kid instanceof PDFRef) ctx.delete(kid);
    } else {
      if (el instanceof PDFDict) el.set(N('P'), documentRef);
      topElements.push(kid);
    }
  }
  let next = root.lookupMaybe(N('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
  const treeRef = root.get(N('ParentTree'));
  for (const [key, value] of numberTree(ctx, treeRef)) {
    parentTree.push([key + offset, value]);
    next = Math.max(next, key + 1);
  }
  if (treeRef instanceof PDFRef) ctx.delete(treeRef);
  if (copied instanceof PDFRef) ctx.delete(copied);
  for (const page of pages) {
    shiftKey(page.node, 'StructParents', offset);
    const annots = page.node.Annots();
    for (let i = 0; annots && i < annots.size(); i++) shiftKey(annots.lookup(i, PDFDict), 'StructParent', offset);
  }
  return offset + next;
}

/**
 * Chromium names structure elements after DOM node numbers (`node00000727`), which depend on what
 * the tab printed before: name them after the part and their place in its tree instead, and follow
 * the renaming in table cells' /Headers, so that equal input gives an equal PDF.
 */
function renameElementIds(ctx: PDFContext, roots: PDFObject[], prefix: string): void {
  const names = new Map<string, string>();
  const elements: PDFDict[] = [];
  const walk = (obj: PDFObject | undefined): void => {
    const el = obj && ctx.lookup(obj);
    if (el instanceof PDFArray) return el.asArray().forEach(walk);
    if (!(el instanceof PDFDict) || !el.has(N('S'))) return undefined;
    elements.push(el);
    const id = el.get(N('ID'));
    if (id instanceof PDFString || id instanceof PDFHexString) {
      const name = `${prefix}-${names.size + 1}`;
      names.set(id.decodeText(), name);
      el.set(N('ID'), PDFString.of(name));
    }
    return walk(el.get(N('K')));
  };
  roots.forEach(walk);
  for (const el of elements) {
    for (const attribute of asList(ctx, el.get(N('A')))) {
      const headers = ctx.lookup(attribute);
      const list = headers instanceof PDFDict ? headers.lookupMaybe(N('Headers'), PDFArray) : undefined;
      for (let i = 0; list && i < list.size(); i++) {
        const header = list.get(i);
        const renamed = (header instanceof PDFString || header instanceof PDFHexString) && names.get(header.decodeText());
        if (renamed) list.set(i, PDFString.of(renamed));
      }
    }
  }
}

/** Adds `offset` to a numeric entry, when present. */
function shiftKey(dict: PDFDict, key: string, offset: number): void {
  const value = dict.get(N(key));
  if (value instanceof PDFNumber) dict.set(N(key), PDFNumber.of(value.asNumber() + offset));
}

/** A /K entry (one kid or an array of them) as a list. */
function asList(ctx: PDFContext, value: PDFObject | undefined): PDFObject[] {
  if (!value) return [];
  const resolved = ctx.lookup(value);
  return resolved instanceof PDFArray ? resolved.asArray() : [value];
}

/** The entries of a number tree, leaves and intermediate nodes alike. */
function numberTree(ctx: PDFContext, node: PDFObject | undefined, out: [number, PDFObject][] = []): [number, PDFObject][] {
  const dict = node && ctx.lookup(node);
  if (!(dict instanceof PDFDict)) return out;
  const nums = dict.lookupMaybe(N('Nums'), PDFArray);
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) out.push([nums.lookup(i, PDFNumber).asNumber(), nums.get(i + 1)]);
  const kids = dict.lookupMaybe(N('Kids'), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) numberTree(ctx, kids.get(i), out);
  return out;
}
