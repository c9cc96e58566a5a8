/**
 * The print PDF as an output: from the book's cache when nothing it depends on changed
 * (book-cache.ts), without starting Chromium or loading the printing modules; else printed and
 * assembled (index.ts), and kept in the cache with what the build reported about it.
 */
import { Diagnostics } from '../../diagnostics.js';
import { log } from '../../log.js';
import type { BrowserLease, Output, RenderContext } from '../output.js';
import { storePrintLayout, type PrintLayout } from '../print-layout.js';
import { BookCache, type CachedBook } from './book-cache.js';
import { geometryOf } from './geometry.js';
import type { Preflight } from './preflight.js';
import { logPreflight } from './preflight-log.js';

/** The print PDF, with its preflight report written next to it. */
export const pdfOutput: Output = {
  format: 'pdf',
  needsBrowser: true,
  async render(context) {
    const { pdf, preflight } = await renderBook(context, context.browser);
    return { data: pdf, sidecars: [{ suffix: '.preflight.json', data: `${JSON.stringify(preflight, null, 2)}\n` }] };
  },
};

/**
 * The PDF and its preflight report: the cached ones when the book is unchanged, else rendered with
 * `lease` (the build's printer, leased now when the build started none).
 */
export async function renderBook(context: RenderContext, lease: BrowserLease | undefined): Promise<{ pdf: Buffer; preflight: Preflight }> {
  const started = performance.now();
  const books = context.cache && new BookCache(context.cache);
  const key = books?.key(context.manuscript);
  const hit = key && books?.get(key);
  if (hit) return reuseBook(context, hit, started);
  const renderer = lease?.renderer ?? (await context.printer());
  // A stale PDF almost always means a document to print again: Chromium starts while they are made.
  renderer.warm();
  const [{ render }, { useNativeFlate }] = await Promise.all([import('./index.js'), import('./native-flate.js')]);
  // pdf-lib compresses with pako unless told otherwise: native zlib halves the book's save (native-flate.ts).
  useNativeFlate();
  // Recorded apart, so that a later hit replays them as they were found (not as --release escalated them).
  const recording: RenderContext = { ...context, diagnostics: new Diagnostics() };
  try {
    const { pdf, preflight, documents } = await render(recording, renderer, lease ? lease.release : context.releasePrinter === true);
    if (key) {
      const book: CachedBook = { pdf, preflight, layout: recording.printLayout as PrintLayout, messages: recording.diagnostics.list, documents, nested: context.manuscript.chapters.length - documents };
      books?.set(key, book);
    }
    return { pdf, preflight };
  } finally {
    if (recording.printLayout) context.printLayout = recording.printLayout;
    context.diagnostics.add(recording.diagnostics.list);
  }
}

/** A build's answer from the PDF an earlier build of the same book left: its layout published, its messages replayed. */
function reuseBook(context: RenderContext, book: CachedBook, started: number): { pdf: Buffer; preflight: Preflight } {
  const { manuscript, timings } = context;
  context.printLayout = book.layout;
  if (context.cache) storePrintLayout(context.cache, manuscript, book.layout);
  context.diagnostics.add(book.messages);
  const ms = performance.now() - started;
  timings.push({ stage: 'PDF chapters printed', ms });
  log(`PDF: ${book.documents} chapter(s) in ${Math.round(ms)} ms: 0 printed, ${book.documents} from the cache${book.nested ? ` (${book.nested} nested section(s) printed with their chapters)` : ''}`);
  log('PDF: the assembled book from the cache, as the previous build left it');
  logPreflight(book.preflight, geometryOf(manuscript.config.print));
  const totalMs = performance.now() - started;
  timings.push({ stage: 'PDF render total', ms: totalMs });
  log(`PDF: ${book.preflight.pages} pages in ${Math.round(totalMs)} ms`);
  return { pdf: Buffer.from(book.pdf.buffer, book.pdf.byteOffset, book.pdf.byteLength), preflight: book.preflight };
}
