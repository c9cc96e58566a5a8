/**
 * The contract every output keeps: it renders from one context (the manuscript model, its
 * configuration, the build's problems, a shared browser, the stage timings) into files, and
 * `build()` loops over the requested outputs without knowing any of them.
 */
import type { Browser } from 'puppeteer';
import type { Cache } from '../cache/cache.js';
import type { BookConfig } from '../config/load.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Timings } from '../log.js';
import type { Manuscript } from '../manuscript/model.js';
import type { PdfRenderer } from './pdf/render.js';
import type { PrintLayout } from './print-layout.js';

/** The formats a book can be built into. */
export type Format = 'epub' | 'pdf';

/** The Chromium an output prints with: a build's own, or the dev server's warm one. */
export interface BrowserLease {
  renderer: PdfRenderer;
  /** Nothing prints with it after this output: it may shut down as soon as printing is done. */
  release: boolean;
}

/** What every output renders from. */
export interface RenderContext {
  manuscript: Manuscript;
  config: BookConfig;
  diagnostics: Diagnostics;
  /** The browser for outputs that print; undefined when no requested output needs one. */
  browser?: BrowserLease;
  /**
   * The build's Chromium, leased on first call (the printing outputs' own when there is one): for
   * outputs that draw with it without printing, such as the EPUB's typographic cover.
   */
  chromium: () => Promise<Browser>;
  /** The build's printer, leased on first call: an EPUB-only build lays the print pages out with it (`pageList: true`). */
  printer: () => Promise<PdfRenderer>;
  /** The book's cache on disk, when the build keeps one: the print layout waits there for EPUB-only builds. */
  cache?: Cache;
  /** Where the print pages begin, published by the PDF output (rendered first) for the EPUB's page-list. */
  printLayout?: PrintLayout;
  /** With no `browser` (the build leases its printer late): whether the printing output may shut it down once it is done. */
  releasePrinter?: boolean;
  timings: Timings;
}

/** An output's bytes and the files written next to it (the PDF's preflight report, say). */
export interface Rendered {
  data: Buffer;
  sidecars: { suffix: string; data: string | Buffer }[];
}

/** One output format. */
export interface Output {
  format: Format;
  /** Whether it prints through Chromium (the build then starts one early, while the manuscript loads). */
  needsBrowser: boolean;
  render(context: RenderContext): Promise<Rendered>;
}

/** Loads an output's module on demand: an EPUB-only build need not load puppeteer. */
export async function loadOutput(format: Format): Promise<Output> {
  switch (format) {
    case 'epub':
      return (await import('./epub/index.js')).epubOutput;
    case 'pdf':
      return (await import('./pdf/pdf-output.js')).pdfOutput;
    default:
      return format satisfies never;
  }
}
