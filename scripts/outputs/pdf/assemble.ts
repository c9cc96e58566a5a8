/**
 * Merges the printed documents into one book and keeps it tagged. pdf-lib's `copyPages` drops the
 * structure tree, so pages are copied by reference with one object copier per source PDF, each
 * document's part of the tree is copied with the same copier (its page and annotation references
 * then land on the copies), and the parent-tree keys of each source are shifted past those of the
 * previous ones. A bundle's documents (bundle.ts) may sit far apart in the book: each brings only
 * its own elements, where its pages are.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import type { PrintedPages } from './bundle.js';
import { refineTags } from './tags.js';

/** What a page of the book is, for folios and running heads. */
export type PageKind = 'front-opener' | 'front' | 'opener' | 'body' | 'blank';

/** One source document and the blank pages it needs before it. */
export interface AssemblyPart {
  /** Document name (`front`, `ch01`), the key for links into it. */
  name: string;
  source: PrintedPages;
  /** Whether it belongs to the front matter (roman folios). */
  front: boolean;
}

/** A source document's place in the book. */
export interface PlacedPart {
  name: string;
  /** Its printed pages. */
  source: PrintedPages;
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
}

/** A source PDF's structure, read when its first document is placed. */
interface SourceStructure {
  copier: PDFObjectCopier;
  /** The top elements of each of its documents (of the whole PDF when it holds one), in the source. */
  tops: PDFObject[][];
  /** Its parent tree, by key, in the source. */
  parentTree: Map<number, PDFObject>;
  /** What its parent-tree keys are shifted by in the book. */
  offset: number;
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
export function assemble(parts: AssemblyPart[], lang: string): Promise<Assembly> {
  return PDFDocument.create({ updateMetadata: false }).then((book) => assembleInto(book, parts, lang));
}

/** Does the work of `assemble` in the empty `book`. */
function assembleInto(book: PDFDocument, parts: AssemblyPart[], lang: string): Assembly {
  const ctx = book.context;
  const rootRef = ctx.nextRef();
  const documentRef = ctx.nextRef();
  const topElements: PDFObject[] = [];
  const parentTree: [number, PDFObject][] = [];
  const kinds: PageKind[] = [];
  const placed: PlacedPart[] = [];
  const sources = new Map<PDFDocument, SourceStructure>();
  let keyOffset = 0;
  let frontPages = 0;

  for (const part of parts) {
    const { doc, pages: sourcePages } = part.source;
    const sourceSize = (sourcePages[0] as PDFPage).getSize();
    if (book.getPageCount() % 2 === 1) {
      book.addPage([sourceSize.width, sourceSize.height]);
      kinds.push('blank');
    }
    let source = sources.get(doc);
    if (!source) {
      source = readStructure(doc, ctx, keyOffset, part.source.bundle?.count);
      sources.set(doc, source);
      keyOffset = source.offset + (doc.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict) ? nextKey(doc, source.parentTree) : 0);
    }
    const { copier } = source;
    // By reference, so that the /Pg entries of the tree (copied below with the same copier) point at these copies.
    const pages = sourcePages.map((p) => {
      const ref = copier.copy(p.ref);
      const page = PDFPage.of(ctx.lookup(ref, PDFDict) as never, ref, book);
      book.addPage(page);
      return page;
    });
    pages.forEach((_, i) => kinds.push(i === 0 ? (part.front ? 'front-opener' : 'opener') : part.front ? 'front' : 'body'));
    placed.push({ name: part.name, source: part.source, pages, first: book.getPageCount() - pages.length });
    const adopted = adoptStructure(source, part.source.bundle?.index ?? 0, ctx, pages, documentRef, parentTree);
    topElements.push(...adopted);
    renameElementIds(ctx, adopted, part.name);
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
  return { book, parts: placed, kinds, frontPages };
}

/**
 * Reads a source PDF's structure: Chromium wraps everything in one Document element, whose
 * children are the top elements, or, in a bundle of `documents`, one element per document holding
 * that document's. Their links to their parents are cut in the source, so that copying a document's
 * elements copies neither the rest of the tree nor the other documents' pages.
 */
function readStructure(doc: PDFDocument, ctx: PDFContext, offset: number, documents = 1): SourceStructure {
  const copier = PDFObjectCopier.for(doc.context, ctx);
  const root = doc.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
  if (!root) return { copier, tops: [], parentTree: new Map(), offset };
  const src = doc.context;
  const kids = asList(src, root.get(N('K')));
  const wrappers = kids.filter((kid) => (src.lookup(kid) as PDFDict | undefined)?.get(N('S')) === N('Document'));
  const inner = wrappers.flatMap((d) => asList(src, (src.lookup(d) as PDFDict).get(N('K'))));
  const others = kids.filter((kid) => !wrappers.includes(kid));
  const bundled = documents > 1 && inner.length === documents;
  // A bundle's documents each have their wrapper; a single document's top elements are the Document's children.
  const tops = bundled ? inner.map((wrapper) => asList(src, (src.lookup(wrapper) as PDFDict).get(N('K')))) : [[...inner, ...others]];
  if (bundled && others.length) (tops[0] as PDFObject[]).push(...others);
  for (const top of tops.flat()) {
    const el = src.lookup(top);
    if (el instanceof PDFDict) el.delete(N('P'));
  }
  return { copier, tops, parentTree: new Map(numberTree(src, root.get(N('ParentTree')))), offset };
}

/** The parent-tree key after the source's last. */
function nextKey(doc: PDFDocument, parentTree: Map<number, PDFObject>): number {
  const root = doc.catalog.lookup(N('StructTreeRoot'), PDFDict);
  const declared = root.lookupMaybe(N('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
  return Math.max(declared, ...[...parentTree.keys()].map((key) => key + 1));
}

/**
 * Copies document `index`'s top elements from its source's structure into the book under its
 * Document element, with the parent-tree entries of its pages and their annotations, keys shifted
 * by the source's offset. Returns the copied top elements.
 */
function adoptStructure(source: SourceStructure, index: number, ctx: PDFContext, pages: PDFPage[], documentRef: PDFRef, parentTree: [number, PDFObject][]): PDFObject[] {
  const { copier, offset } = source;
  // A bundle whose tree did not come as one element per document keeps it whole with its first document placed.
  const tops = source.tops.length === 1 ? source.tops.splice(0, 1)[0] ?? [] : source.tops[index] ?? [];
  const adopted = tops.map((top) => {
    const copied = copier.copy(top);
    const el = ctx.lookup(copied);
    if (el instanceof PDFDict) el.set(N('P'), documentRef);
    return copied;
  });
  /** Adds the entry of a source key, shifted, and shifts the key on its owner. */
  const entry = (owner: PDFDict, name: string): void => {
    const key = owner.get(N(name));
    if (!(key instanceof PDFNumber)) return;
    const value = source.parentTree.get(key.asNumber());
    if (value !== undefined) parentTree.push([key.asNumber() + offset, copier.copy(value)]);
    owner.set(N(name), PDFNumber.of(key.asNumber() + offset));
  };
  for (const page of pages) {
    entry(page.node, 'StructParents');
    const annots = page.node.Annots();
    for (let i = 0; annots && i < annots.size(); i++) entry(annots.lookup(i, PDFDict), 'StructParent');
  }
  return adopted;
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
