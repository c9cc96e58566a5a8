/**
 * Printing documents with one shared Chromium: at most two tabs at a time (two cores gain nothing
 * from more), several documents per print where a tab has several to print (bundle.ts), and a
 * cache per document so the dev server prints only the chapters that changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFPage } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer';
import { Cache, type Namespace } from '../../cache/cache.js';
import type { Key } from '../../cache/store.js';
import type { Diagnostics } from '../../diagnostics.js';
import type { Asset } from '../../manuscript/model.js';
import { Progress } from '../../progress.js';
import { browserStamp, closeOnSignals, launchBrowser } from './browser.js';
import { confine, isRefusal, toolFolders } from './confine.js';
import { looseLinesScript, type LooseLine } from './loose-lines.js';
import { sharedCssName, shellHtml, type PrintDocument } from './chapter-html.js';
import { textDirection } from '../../config/language.js';
import { serifStack } from './fonts.js';
import { keepShortBlocksScript } from './short-blocks.js';
import { pageNotesScript, type PageNotesResult } from './page-notes.js';
import { pageTexts, type PageText } from './page-starts.js';
import { bundleCss, bundlesOf, combineScript, setAsideScript } from './bundle.js';

/** How many tabs print at once. */
const TABS = 2;

/** The page each tab loads once (see `shellHtml`). */
const shellName = 'shell.html';

/** What the browser measured in a document before printing it. */
export interface Measurements {
  /** Each image's rendered size in CSS px. */
  images: { src: string; width: number; height: number }[];
  /** Blocks whose content is wider than their box (it would be cut or run past the margin). */
  overflows: { tag: string; text: string; scrollWidth: number; clientWidth: number }[];
  /** Justified lines stretched too far (loose-lines.ts). */
  looseLines: LooseLine[];
  /** How the footnotes were put at the page feet (page-notes.ts), when they were. */
  pageNotes?: PageNotesResult;
}

/**
 * Splits the documents between the tabs by size, largest first onto the least loaded tab, each
 * tab then printing its share in book order. A fixed split, not a shared queue: what Chromium
 * writes depends slightly on what the tab printed before, and a split that depends on timing made
 * two builds of the same book differ.
 */
function shares<T extends { doc: PrintDocument; index: number }>(items: T[], tabs: number): T[][] {
  const lists: T[][] = Array.from({ length: Math.min(tabs, items.length) }, () => []);
  const loads = lists.map(() => 0);
  for (const item of [...items].sort((a, b) => b.doc.body.length - a.doc.body.length || a.index - b.index)) {
    const tab = loads.indexOf(Math.min(...loads));
    (lists[tab] as T[]).push(item);
    loads[tab] = (loads[tab] as number) + item.doc.body.length;
  }
  return lists.map((list) => list.sort((a, b) => a.index - b.index));
}

/** A tab kept open between print calls, with the shell page for one stylesheet loaded. */
interface Tab {
  page: Page;
  /** The stylesheet the loaded shell page uses. */
  cssKey: string;
  /** Where the page's problems go: the current build's diagnostics, for the current document. */
  report: { diagnostics?: Diagnostics; source: string };
}

/** A printed document. */
export interface PrintedDocument extends Measurements {
  /** Its PDF, or the PDF of the bundle it was printed in (`part`). */
  pdf: Uint8Array;
  /** Its number among the `count` documents of the bundle `pdf` holds, when it was printed in one. */
  part?: { index: number; count: number };
}

/** A printed document as the cache keeps it: a bundle's PDF is kept once, under its own key. */
type StoredDocument = Measurements & ({ pdf: Uint8Array } | { bundle: Key; index: number; count: number });

/** The job list of one build: the documents plus what they share. */
export interface RenderJob {
  documents: PrintDocument[];
  css: string;
  assets: Iterable<Asset>;
  /** Width of the text block in CSS px: the viewport for measuring. */
  textWidthPx: number;
  /** The book's folder, which print pages may read (see confine.ts). */
  bookRoot: string;
  /** What the progress line calls the documents being printed (`PDF: printing chapters`); none when absent. */
  progress?: string;
}

// Runs inside the page (a string, so that no bundler helper leaks into it): image sizes and
// blocks wider than their box.
const measureScript = `(() => {
  const images = [...document.images].map((i) => ({ src: i.getAttribute('src') || '', width: i.getBoundingClientRect().width, height: i.getBoundingClientRect().height }));
  const overflows = [...document.querySelectorAll('pre, table, p, li, td, th, blockquote, figure, .line')]
    .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
    .map((e) => ({ tag: e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''), text: (e.textContent || '').trim().slice(0, 60), scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
  return { images, overflows };
})()`;

/** Owns one Chromium for as long as it lives, reused across builds, and caches printed documents. */
export class PdfRenderer {
  private browser: Promise<Browser> | undefined;
  private removeSignalHandlers: (() => void) | undefined;
  private workDir: string | undefined;
  /** Printed documents by their content, so that a warm renderer prints only what changed. */
  private readonly printed: Namespace<StoredDocument>;
  /** The PDFs of bundles, by the keys of the documents they hold. */
  private readonly bundles: Namespace<Uint8Array>;
  /** Each printed document's page texts (page-starts.ts), kept under its printed document's key. */
  private readonly texts: Namespace<PageText[]>;
  /** The key each document name was printed under last: a newer print of a name replaces the older. */
  private readonly printedAs = new Map<string, Key>();
  private closing: Promise<void> | undefined;
  private tabs: (Tab | undefined)[] = [];
  /** The folders the print pages may read, for the current job. */
  private folders: readonly string[] = [];
  /** How many documents were printed, in how many PDFs, and how many came from the cache, since the renderer was made. */
  readonly stats = { printed: 0, pdfs: 0, cached: 0 };
  /** The URLs refused to the print pages, per build: each is reported once. */
  private readonly refused = new WeakMap<Diagnostics, Set<string>>();

  /** `cache`: where printed documents are kept (memory by default; over a disk store, across processes). */
  constructor(options: { cache?: Cache } = {}) {
    const cache = options.cache ?? new Cache();
    this.printed = cache.namespace<StoredDocument>('printed-document');
    this.bundles = cache.namespace<Uint8Array>('printed-bundle');
    this.texts = cache.namespace<PageText[]>('page-texts');
  }

  /**
   * The body text each page of the document last printed as `name` begins with (`pages`: its
   * pages, loaded), for the EPUB's page-list: read once from the PDF, then cached with the printed document.
   */
  pageTexts(name: string, pages: PDFPage[]): PageText[] {
    const printed = this.printedAs.get(name);
    const key = printed && this.texts.key(printed.hash);
    const cached = key && this.texts.get(key);
    if (cached) return cached;
    // Notes at a page's foot are printed there but not in the EPUB's text at that place.
    const notes = (printed && this.printed.get(printed)?.pageNotes?.noteChars) ?? [];
    const texts = pageTexts(pages).map((text, i) => ({ ...text, length: Math.max(0, text.length - (notes[i] ?? 0)) }));
    if (key) this.texts.set(key, texts);
    return texts;
  }

  /** Prints the documents (from the cache where unchanged), in the given order. */
  async print(job: RenderJob, diagnostics: Diagnostics): Promise<PrintedDocument[]> {
    const dir = this.prepareDir(job);
    this.folders = [dir, job.bookRoot, ...toolFolders];
    // The browser's own build is part of every key: another Chromium may lay the same page out otherwise.
    const cssKey = createHash('sha256').update(job.css).update(String(job.textWidthPx)).update(browserStamp()).digest('hex');
    const results: PrintedDocument[] = new Array(job.documents.length);
    const queue: { doc: PrintDocument; index: number; key: Key }[] = [];
    // A bundle's PDF is read once for all its documents, which then share it (and are loaded once).
    const bundles = new Map<string, Uint8Array | undefined>();
    job.documents.forEach((doc, index) => {
      const key = this.printed.key(cssKey, JSON.stringify([doc.lang, doc.title, doc.style, doc.body, doc.marginText, doc.pageNotes]));
      this.replace(doc.name, key);
      const hit = this.stored(key, bundles);
      if (hit) results[index] = hit;
      else queue.push({ doc, index, key });
    });
    this.stats.printed += queue.length;
    this.stats.cached += job.documents.length - queue.length;
    if (!queue.length) return results;
    const progress = job.progress === undefined ? undefined : new Progress(job.progress, queue.length);
    let done = 0;
    const browser = await this.launch();
    const worker = async (items: typeof queue, slot: number): Promise<void> => {
      const tab = await this.tabAt(slot, browser, dir, cssKey, job.textWidthPx, diagnostics);
      try {
        for (const bundle of bundlesOf(items)) {
          const docs = bundle.map((item) => item.doc);
          const printed = docs.length === 1 ? [await printOne(tab.page, docs[0] as PrintDocument, tab.report)] : await printBundle(tab.page, docs, tab.report);
          this.stats.pdfs++;
          this.store(bundle.map((item) => item.key), printed);
          bundle.forEach((item, k) => (results[item.index] = printed[k] as PrintedDocument));
          done += bundle.length;
          progress?.tick(done);
        }
      } catch (error) {
        // A tab that failed mid-document is not trusted again.
        this.tabs[slot] = undefined;
        await tab.page.close().catch(() => undefined);
        throw error;
      }
      tab.report.diagnostics = undefined;
    };
    try {
      await Promise.all(shares(queue, TABS).map(worker));
    } finally {
      progress?.end();
    }
    return results;
  }

  /**
   * A printed document from the cache, with the PDF of its bundle when it was printed in one
   * (`read`: the bundles read so far, by key).
   */
  private stored(key: Key, read: Map<string, Uint8Array | undefined>): PrintedDocument | undefined {
    const entry = this.printed.get(key);
    if (!entry || 'pdf' in entry) return entry;
    const { bundle, index, count, ...measured } = entry;
    // Written before the documents that refer to it; a sweep may still have taken it.
    if (!read.has(bundle.hash)) read.set(bundle.hash, this.bundles.get(bundle));
    const pdf = read.get(bundle.hash);
    return pdf && { ...measured, pdf, part: { index, count } };
  }

  /** Keeps printed documents (one bundle's, under `keys`) in the cache, a bundle's PDF once. */
  private store(keys: Key[], printed: PrintedDocument[]): void {
    const [first] = printed;
    if (printed.length === 1 && first && !first.part) return this.printed.set(keys[0] as Key, first);
    const bundle = this.bundles.key(...keys.map((k) => k.hash));
    this.bundles.set(bundle, (first as PrintedDocument).pdf);
    printed.forEach(({ pdf: _pdf, part, ...measured }, k) => this.printed.set(keys[k] as Key, { ...measured, bundle, index: part?.index ?? k, count: printed.length }));
  }

  /**
   * Tab number `slot`, with the shell page loaded for this stylesheet. Tabs are kept between print
   * calls (the front matter after the chapters, the dev server's rebuilds): opening one and loading
   * the fonts again costs more than printing a short document. A fixed slot, not whichever tab is
   * free, keeps each tab's history, and so the bytes Chromium writes, the same from build to build.
   */
  private async tabAt(slot: number, browser: Browser, dir: string, cssKey: string, width: number, diagnostics: Diagnostics): Promise<Tab> {
    let tab = this.tabs[slot];
    if (!tab) {
      const page = await browser.newPage();
      const report: Tab['report'] = { source: '' };
      forwardProblems(page, report);
      await confine(page, () => this.folders, (url) => this.reportRefused(url, report));
      await page.emulateMediaType('print');
      tab = { page, cssKey: '', report };
      this.tabs[slot] = tab;
    }
    // What the shell page loads comes from the stylesheets, not from a chapter.
    tab.report.diagnostics = diagnostics;
    tab.report.source = '';
    if (tab.cssKey !== cssKey) {
      await tab.page.setViewport({ width, height: 1000 });
      await tab.page.goto(pathToFileURL(path.join(dir, shellName)).href, { waitUntil: 'load', timeout: 120_000 });
      tab.cssKey = cssKey;
    }
    return tab;
  }

  /** Warns, once per build, that a print page was refused `url`. */
  private reportRefused(url: string, report: Tab['report']): void {
    if (!report.diagnostics) return;
    const seen = this.refused.get(report.diagnostics) ?? new Set<string>();
    this.refused.set(report.diagnostics, seen);
    if (seen.has(url)) return;
    seen.add(url);
    report.diagnostics.warn(`PDF: did not load ${url}: a print page may only read the book's own files`, report.source);
  }

  /**
   * Records that document `name` is now `key`, dropping what the name printed before: the dev
   * server's page view prints a chapter after every save, and only a whole book's print sweeps.
   */
  private replace(name: string, key: Key): void {
    const previous = this.printedAs.get(name);
    if (previous && previous.hash !== key.hash) this.printed.delete(previous);
    this.printedAs.set(name, key);
  }

  /** Forgets the printed documents the build that just ended did not use. */
  sweep(): void {
    this.printed.sweep();
    this.bundles.sweep();
    this.texts.sweep();
  }

  /** The running Chromium, started on first use: other pages than the print tabs (diagrams) share it. */
  chromium(): Promise<Browser> {
    return this.launch();
  }

  /** Starts Chromium now, so that its launch overlaps other work; a failure shows at `print`. */
  warm(): void {
    this.launch().catch(() => undefined);
  }

  /** Closes the browser and removes the working folder; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.shutDown().finally(() => (this.closing = undefined));
    return this.closing;
  }

  /** Does the work of `close`. */
  private async shutDown(): Promise<void> {
    const browser = this.browser;
    this.tabs = [];
    this.browser = undefined;
    try {
      if (browser) await (await browser.catch(() => undefined))?.close();
    } finally {
      this.removeSignalHandlers?.();
      this.removeSignalHandlers = undefined;
      if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
      this.workDir = undefined;
    }
  }

  /** Starts Chromium on first use and guards it against Ctrl-C. */
  private launch(): Promise<Browser> {
    this.browser ??= launchBrowser().then((browser) => {
      this.removeSignalHandlers = closeOnSignals(browser);
      return browser;
    });
    // A failed launch is not kept: the next build tries again.
    this.browser.catch(() => (this.browser = undefined));
    return this.browser;
  }

  /** Writes the shared stylesheet, the images and the documents where Chromium can load them. */
  private prepareDir(job: RenderJob): string {
    this.workDir ??= mkdtempSync(path.join(os.tmpdir(), 'book-pdf-'));
    const dir = this.workDir;
    writeFileSync(path.join(dir, sharedCssName), job.css);
    writeFileSync(path.join(dir, shellName), shellHtml);
    for (const asset of job.assets) {
      const file = path.join(dir, asset.href);
      // Asset names are content hashes: an existing file is already right.
      if (existsSync(file)) continue;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, asset.data);
    }
    return dir;
  }
}

/**
 * Puts one document into the tab's loaded page, waits for its images and fonts (text used only in
 * margin boxes never triggers a web-font load: without an explicit load it falls back to a system
 * font that ends up as Type 3), and measures it: ready to print, alone or in a bundle.
 */
async function prepare(page: Page, doc: PrintDocument, report: Tab['report']): Promise<Measurements> {
  report.source = doc.source;
  const font = JSON.stringify(`400 7.5pt ${serifStack(doc.lang)}`);
  const loads = doc.marginText.map((t) => `document.fonts.load(${font}, ${JSON.stringify(t)})`);
  await page.evaluate(`(() => {
    document.documentElement.lang = ${JSON.stringify(doc.lang)};
    document.documentElement.dir = ${JSON.stringify(textDirection(doc.lang))};
    document.title = ${JSON.stringify(doc.title)};
    document.getElementById('document-style').textContent = ${JSON.stringify(doc.style)};
    document.body.innerHTML = ${JSON.stringify(doc.body)};
    // Laying the page out now starts the loads of the font slices it needs; fonts.ready would
    // otherwise resolve at once, before any load began, and the print would race them.
    void document.body.offsetHeight;
    const images = [...document.images].map((i) => i.complete ? null : new Promise((done) => { i.onload = i.onerror = done; }));
    return Promise.all([...images, ${loads.join(',')}]).then(() => document.fonts.ready).then(() => true);
  })()`);
  await page.evaluate(keepShortBlocksScript);
  // Before anything that ties content to pages: the notes make the pages.
  const pageNotes = doc.pageNotes ? ((await page.evaluate(pageNotesScript(doc.pageNotes.width, doc.pageNotes.height))) as PageNotesResult) : undefined;
  const measured = (await page.evaluate(measureScript)) as Omit<Measurements, 'looseLines'>;
  // After the other measurements: it anchors the lines it finds, for their pages.
  const looseLines = (await page.evaluate(looseLinesScript)) as LooseLine[];
  return { ...measured, looseLines, ...(pageNotes ? { pageNotes } : {}) };
}

/** Prints what the tab's page holds. */
function printPage(page: Page): Promise<Uint8Array> {
  return page.pdf({ preferCSSPageSize: true, tagged: true, printBackground: true, timeout: 300_000 });
}

/** Prepares and prints one document. */
async function printOne(page: Page, doc: PrintDocument, report: Tab['report']): Promise<PrintedDocument> {
  const measured = await prepare(page, doc, report);
  return { pdf: await printPage(page), ...measured };
}

/**
 * Prepares each document as if it were printed alone, sets it aside, then prints them all as one
 * PDF (bundle.ts): each gets the bundle's PDF and its number in it.
 */
async function printBundle(page: Page, docs: PrintDocument[], report: Tab['report']): Promise<PrintedDocument[]> {
  const measured: Measurements[] = [];
  for (const [k, doc] of docs.entries()) {
    measured.push(await prepare(page, doc, report));
    await page.evaluate(setAsideScript(k));
  }
  await page.evaluate(combineScript([...docs.map((d) => d.style), bundleCss]));
  const pdf = await printPage(page);
  return measured.map((m, index) => ({ pdf, ...m, part: { index, count: docs.length } }));
}

/** Sends the page's script errors, console errors and failed loads to the current build's diagnostics. */
function forwardProblems(page: Page, report: Tab['report']): void {
  page.on('pageerror', (error) => report.diagnostics?.warn(`PDF: script error in the page: ${(error as Error).message ?? String(error)}`, report.source));
  page.on('console', (message) => {
    if (message.type() === 'error' && !isRefusal(message.text())) report.diagnostics?.warn(`PDF: browser console: ${message.text()}`, report.source);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // A request the confinement aborted is reported by it, once.
    if (!isRefusal(failure)) report.diagnostics?.warn(`PDF: could not load ${request.url()}: ${failure}`, report.source);
  });
}
