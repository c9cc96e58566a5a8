/**
 * Print PDF output. Each top-level chapter, with the sections nested under it in SUMMARY.md, is
 * its own document, laid out on its own (two tabs at a time, cached per document) and printed
 * with the other documents of its tab in one PDF (bundle.ts), its sections following without blank
 * pages. Page numbers are only known once the chapters are printed: the front matter with the table
 * of contents is printed last, with the running heads, then pdf-lib assembles the book in one pass
 * (tags kept, blank pages so chapters open on the right, mirrored margins and running heads,
 * links, bookmarks, folios, print boxes, metadata). No document is laid out twice, whatever the
 * book's length.
 */
import path from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import type { Diagnostics } from '../../diagnostics.js';
import { log } from '../../log.js';
import type { Chapter, Manuscript } from '../../manuscript/model.js';
import { hasMath } from '../../markdown/rehype-math.js';
import { buildToc, flattenToc, printedTocDepth, type TocEntry } from '../toc.js';
import { assemble, layout, type PageKind, type PlacedPart } from './assemble.js';
import { loadPdf, loadPrinted, type PrintedPages } from './bundle.js';
import { mergeFontSubsets } from './merge-fonts.js';
import { drawRunningHeads, headsDocument, pageHeads } from './running-heads.js';
import { cachedDocuments, cachedPageFills } from './document-cache.js';
import { renderBook } from './pdf-output.js';
import { bookCharacters, chapterCharacters } from './characters.js';
import { bookPrintPasses, groupDocument, printGroups, sharedCss } from './chapter-html.js';
import { collectTargets, partDests, rewriteLinks, type Target } from './destinations.js';
import { drawFolios, folioOf, type Numbering } from './folios.js';
import { failOnUnprintableFonts } from './font-check.js';
import { missingGlyphs } from './fonts.js';
import { frontMatterDocument, frontName, pagesBeforeToc } from './front-matter.js';
import { geometryOf, type Geometry } from './geometry.js';
import { looseLineReport } from './loose-lines.js';
import { setMetadata } from './metadata.js';
import { writeOutline } from './outline.js';
import { drawCropMarks, setPageBoxes } from './page-boxes.js';
import { reportPageNotes } from './page-notes.js';
import { fontProblems, fontReport, lowResolutionImages, overflows, underfilledPages, type Preflight } from './preflight.js';
import { logPreflight } from './preflight-log.js';
import type { RenderContext } from '../output.js';
import { storePrintLayout, type PrintLayout } from '../print-layout.js';
import type { PageText } from './page-starts.js';
import { PdfRenderer, type PrintedDocument, type RenderJob } from './render.js';

export { PdfRenderer };

/**
 * The document that prints a chapter, as the dev server's page view shows it: its opener (or the
 * opener of the chapter it is nested under), running heads and page breaks as in the book, without
 * the folios and blank pages the assembly adds.
 */
export async function printChapter(manuscript: Manuscript, chapter: Chapter, renderer: PdfRenderer, diagnostics: Diagnostics): Promise<Uint8Array> {
  const characters = manuscript.chapters.map((c) => chapterCharacters(c, manuscript.assets));
  const group = printGroups(manuscript.chapters).find((g) => g.includes(chapter)) ?? [chapter];
  const [printed] = await renderer.print({ ...sharedJob(manuscript, characters), documents: [groupDocument(group, manuscript.config, bookPrintPasses(manuscript.config, manuscript.plugins, manuscript.assets))] }, diagnostics);
  return (printed as PrintedDocument).pdf;
}

/** What every document of the book is printed with: the stylesheet, the images, the text width; `characters` per chapter. */
function sharedJob(manuscript: Manuscript, characters: Set<number>[]): Omit<RenderJob, 'documents'> {
  const { config } = manuscript;
  const geometry = geometryOf(config.print);
  const print = manuscript.styles.print;
  return {
    css: sharedCss(geometry, config.language, print.css, bookCharacters(manuscript, print.css, characters), manuscript.chapters.some((chapter) => hasMath(chapter.tree)), config.print.koreanLineBreak === 'syllable'),
    assets: [...manuscript.assets.values(), ...print.assets],
    textWidthPx: geometry.textWidthPx,
    bookRoot: config.root,
  };
}

/** Warns about a chapter's characters that no print font has, naming a few of them. */
function reportMissingGlyphs(chapter: Chapter, characters: Set<number>, language: string, diagnostics: Diagnostics): void {
  const missing = missingGlyphs(language, characters);
  if (missing.length === 0) return;
  const named = missing.slice(0, 8).map((c) => `${String.fromCodePoint(c)} (U+${c.toString(16).toUpperCase().padStart(4, '0')})`);
  const more = missing.length > named.length ? ` and ${missing.length - named.length} more` : '';
  diagnostics.warn(`PDF: no print font has ${named.join(', ')}${more}: a system font stands in, which may embed as Type 3 or print boxes`, chapter.source, chapter.line);
}

/**
 * Lays the print pages out and publishes where they begin, without writing a PDF: an EPUB-only
 * build's page-list (`pageList: true` in book.yaml) when no earlier PDF build left them in the cache.
 */
export async function layOutPages(context: RenderContext): Promise<void> {
  await renderBook(context, undefined);
}

/**
 * The stages, in order (pdf-output.ts calls them when the book's cache has no PDF for it);
 * `release`: the browser may shut down once everything is printed. Returns the PDF, its preflight
 * report and how many documents the chapters were printed as.
 */
export async function render(context: RenderContext, renderer: PdfRenderer, release: boolean): Promise<{ pdf: Buffer; preflight: Preflight; documents: number }> {
  const { manuscript, diagnostics, config, timings } = context;
  const geometry = geometryOf(config.print);
  const started = performance.now();
  const characters = manuscript.chapters.map((chapter) => chapterCharacters(chapter, manuscript.assets));
  const shared = sharedJob(manuscript, characters);

  // 1. The chapters, each its own document with the sections nested under it, several to a PDF.
  manuscript.chapters.forEach((chapter, i) => reportMissingGlyphs(chapter, characters[i] as Set<number>, config.language, diagnostics));
  const passes = bookPrintPasses(config, manuscript.plugins, manuscript.assets);
  const groups = printGroups(manuscript.chapters);
  const chapterDocs = context.cache ? cachedDocuments(context.cache, manuscript, groups, passes) : groups.map((group) => groupDocument(group, config, passes, true));
  const before = { ...renderer.stats };
  const printed = await renderer.print({ ...shared, documents: chapterDocs, progress: 'PDF: printing chapters' }, diagnostics);
  const chapterPdfs = await loadPrinted(printed);
  const pageTexts = chapterDocs.map((doc, i) => renderer.pageTexts(doc.name, (chapterPdfs[i] as PrintedPages).pages));
  // Checked per document: once assembled, no font could say which chapter it came from.
  const chapterParts = groups.map(([opener, ...nested], i) => ({
    pdf: chapterPdfs[i] as PrintedPages,
    label: `chapter "${(opener as Chapter).title}"`,
    source: (opener as Chapter).source,
    line: (opener as Chapter).line,
    tree: { type: 'root' as const, children: [opener as Chapter, ...nested].flatMap((c) => c.tree.children) },
  }));
  failOnUnprintableFonts(chapterParts, manuscript.assets, diagnostics);
  const footnotes = reportPageNotes(chapterDocs, printed.map((p) => p.pageNotes), diagnostics);
  const printedMs = performance.now() - started;
  timings.push({ stage: 'PDF chapters printed', ms: printedMs });
  const fresh = renderer.stats.printed - before.printed;
  const pdfs = renderer.stats.pdfs - before.pdfs;
  const nested = manuscript.chapters.length - groups.length;
  log(`PDF: ${chapterDocs.length} chapter(s) in ${Math.round(printedMs)} ms: ${fresh} printed, ${chapterDocs.length - fresh} from the cache${nested ? ` (${nested} nested section(s) printed with their chapters)` : ''}${fresh ? `; ${pdfs} PDF(s) printed` : ''}`);

  // 2. Where every chapter and heading lands, then the front matter that lists them.
  // The printed contents cost pages, bookmarks do not: each has its own depth.
  const contents = buildToc(manuscript, printedTocDepth(manuscript));
  const toc = buildToc(manuscript, config.toc.depth);
  const bodyStarts = layout(chapterPdfs.map((d) => d.pages.length)).starts;
  const headingPages = chapterPdfs.map((d) => partDests(d));
  const documentOf = new Map(groups.flatMap((group, i) => group.map((c) => [c.id, i] as const)));
  const bodyPageOf = (entry: TocEntry): number => {
    const chapterId = entry.chapter?.id ?? '';
    const i = documentOf.get(chapterId) ?? 0;
    // A chapter is found by its section's id: a nested one may start on any page of its document.
    const inDocument = headingPages[i]?.get(entry.id ?? chapterId)?.pageIndex ?? 0;
    return (bodyStarts[i] ?? 0) + inDocument;
  };
  const roman = config.print.romanFrontMatter;
  // With arabic numbers throughout, the body's numbers depend on the front matter's length:
  // start from an estimate and print the front matter again only if the estimate was wrong.
  let frontPages = even(pagesBeforeToc + estimateTocPages(flattenToc(contents).length, geometry));
  let front: PDFDocument;
  // Where pages land in the body (an even index is a right-hand page) is known: so is each page's running head.
  const heads = pageHeads(config, bodyStarts, chapterPdfs.map((d) => d.pages.length), groups, headingPages.map((dests) => new Map([...dests].map(([id, dest]) => [id, dest.pageIndex]))));
  const headsDoc = headsDocument(heads.heads, config, geometry);
  let headsPdf: Uint8Array | undefined;
  let frontPrinted;
  for (;;) {
    const numbering: Numbering = { roman, frontPages };
    const doc = frontMatterDocument(config, contents, (entry) => folioOf(frontPages + bodyPageOf(entry), numbering));
    let headsPrinted;
    [frontPrinted, headsPrinted] = await renderer.print({ ...shared, documents: [doc, headsDoc] }, diagnostics);
    headsPdf = (headsPrinted as PrintedDocument).pdf;
    front = await loadPdf((frontPrinted as PrintedDocument).pdf);
    const actual = even(front.getPageCount());
    if (roman || actual === frontPages) break;
    frontPages = actual;
  }
  // Its text comes from the metadata: the title, the authors, the chapter titles.
  const metadataFile = config.layout.metadataFile && path.relative(config.root, config.layout.metadataFile);
  failOnUnprintableFonts([{ pdf: front, label: 'the title page and contents', source: metadataFile }], manuscript.assets, diagnostics);
  // Everything is printed: what this book did not use is stale, and Chromium can shut down while
  // the book is assembled.
  renderer.sweep();
  if (release) renderer.close().catch(() => undefined);

  // 3. One book: merged with its tags, boxes, running heads, links, bookmarks, folios, metadata.
  const assembled = await assemble(
    [{ name: frontName, source: { doc: front, pages: front.getPages() }, front: true }, ...chapterPdfs.map((source, i) => ({ name: chapterDocs[i]?.name as string, source, front: false }))],
    config.language,
  );
  const { book, parts } = assembled;
  const kinds: PageKind[] = assembled.kinds.map((k, i) => (i <= pagesBeforeToc && k === 'front' ? 'front-opener' : k));
  const numbering: Numbering = { roman, frontPages: assembled.frontPages };
  setPageBoxes(book, geometry);
  await drawRunningHeads(book, parts.slice(1), heads, headsPdf as Uint8Array, geometry);
  const merged = mergeFontSubsets(book);
  log(`PDF: ${merged.subsets} font subset(s) merged into ${merged.faces} face(s)`);
  const targets = collectTargets(parts, geometry, new Map(groups.map((group) => [(group[0] as Chapter).id, group.map((c) => c.id)])));
  rewriteLinks(parts, targets, diagnostics);
  writeOutline(book, toc, (entry) => targetOf(entry, targets));
  await drawFolios(book, kinds, numbering, geometry, config.print.fontSize, config.language);
  publishLayout(context, groups, pageTexts, parts.slice(1), numbering);
  if (config.print.cropMarks) drawCropMarks(book, geometry);
  setMetadata(book, config);
  // pdf-lib yields every 50 objects by default, each yield a timer of at least 1 ms: about a second
  // of waiting on a 500-page book (~38,000 objects), while nothing else has to run. Same bytes.
  const pdf = Buffer.from(await book.save({ objectsPerTick: Infinity }));

  // 4. The preflight report.
  const names = chapterDocs.map((d) => d.source);
  const fonts = fontReport(book);
  const preflight: Preflight = {
    pages: book.getPageCount(),
    frontMatterPages: assembled.frontPages,
    // Lengths in inches or points convert to millimetres with floating-point noise (215.89999…).
    trim: { name: config.print.trimName, widthMm: Math.round(geometry.trimWidth * 100) / 100, heightMm: Math.round(geometry.trimHeight * 100) / 100 },
    bleedMm: geometry.bleed,
    cropMarks: config.print.cropMarks && geometry.bleed >= 2,
    chapterStarts: manuscript.chapters.map((chapter) => {
      const first = targets.get(chapter.id)?.pageIndex ?? 0;
      return { id: chapter.id, title: chapter.title, depth: chapter.depth, page: first + 1, folio: folioOf(first, numbering) };
    }),
    fonts,
    lowResolutionImages: lowResolutionImages(names, printed, manuscript.assets),
    overflows: overflows(names, printed),
    looseLines: looseLineReport(names, printed.map((p) => p.looseLines), headingPages, parts.slice(1).map((p) => p.first), (page) => folioOf(page, numbering)),
    shrunk: chapterDocs.flatMap((d) => d.shrunk),
    underfilledPages: underfilledPages(
      parts.slice(1),
      names,
      new Set(manuscript.chapters.map((c) => targets.get(c.id)?.pageIndex ?? -1)),
      geometry,
      (i) => folioOf(i, numbering),
      context.cache && cachedPageFills(context.cache, printed, chapterPdfs, geometry),
    ),
    ...(footnotes ? { footnotes } : {}),
    problems: fontProblems(fonts),
  };
  if (config.print.cropMarks && geometry.bleed < 2) diagnostics.warn('PDF: crop marks need a bleed of at least 2 mm to sit outside the trim; none were drawn');
  for (const problem of preflight.problems) diagnostics.warn(`PDF: ${problem}`);
  for (const o of preflight.overflows) diagnostics.warn(`PDF: ${o.element} "${o.text}" is ${o.byPx}px wider than the text block`, o.document);
  logPreflight(preflight, geometry);
  const totalMs = performance.now() - started;
  timings.push({ stage: 'PDF render total', ms: totalMs });
  log(`PDF: ${preflight.pages} pages in ${Math.round(totalMs)} ms`);
  return { pdf, preflight, documents: chapterDocs.length };
}

/**
 * Tells the EPUB where the printed pages of each chapter document begin and which folio they
 * carry (the front matter's pages are the print edition's own: the EPUB has its own title page and
 * contents), and keeps it in the book's cache for EPUB-only builds.
 */
function publishLayout(context: RenderContext, groups: Chapter[][], texts: PageText[][], parts: PlacedPart[], numbering: Numbering): void {
  const layout: PrintLayout = {
    documents: groups.map((group, i) => ({
      chapters: group.map((c) => c.id),
      pages: (texts[i] ?? []).map((text, k) => ({ folio: folioOf((parts[i]?.first ?? 0) + k, numbering), ...text })),
    })),
  };
  context.printLayout = layout;
  if (context.cache) storePrintLayout(context.cache, context.manuscript, layout);
}

/** Where a TOC entry's bookmark points: its heading, its chapter, or a part's first chapter. */
function targetOf(entry: TocEntry, targets: Map<string, Target>): Target | undefined {
  if (entry.chapter) return targets.get(entry.id ? `${entry.chapter.id}#${entry.id}` : entry.chapter.id) ?? targets.get(entry.chapter.id);
  const first = entry.children[0];
  return first ? targetOf(first, targets) : undefined;
}

/** How many pages the contents will take: one line per entry, a few lines for its heading. */
function estimateTocPages(entries: number, geometry: Geometry): number {
  const lineMm = (geometry.fontSize * 1.7 * 25.4) / 72;
  const lines = Math.floor((geometry.pageHeight - geometry.margins.top - geometry.margins.bottom) / lineMm);
  return Math.max(1, Math.ceil((entries * 1.15 + 8) / lines));
}

/** The next even number (front matter ends on a left-hand page). */
function even(n: number): number {
  return n % 2 === 0 ? n : n + 1;
}
