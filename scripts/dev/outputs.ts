/**
 * EPUB and PDF on request while the preview runs. The PDF reuses one warm Chromium and its
 * per-chapter cache across requests, so after a one-chapter edit only that chapter is printed again.
 */
import path from 'node:path';
import type { Browser } from 'puppeteer';
import type { Format } from '../build.js';
import { BuildError, Diagnostics, formatDiagnostic, isBlocking } from '../diagnostics.js';
import { formatSize, log } from '../log.js';
import type { PdfRenderer } from '../outputs/pdf/index.js';
import type { PreviewSession } from './session.js';

/** Builds outputs into dist/ with the session's parser and a Chromium kept warm between builds. */
export class OutputBuilder {
  private pdfRenderer: PdfRenderer | undefined;

  constructor(
    private readonly session: PreviewSession,
    private readonly strict: boolean,
  ) {}

  /** Builds one format; problems are reported, never thrown, so the dev server stays up. */
  async build(format: Format): Promise<{ ok: boolean; message: string }> {
    const diagnostics = new Diagnostics();
    const start = performance.now();
    try {
      // Loaded on first use, so the preview starts without loading the outputs and puppeteer.
      const { build } = await import('../build.js');
      if (format === 'pdf') this.pdfRenderer ??= new (await import('../outputs/pdf/index.js')).PdfRenderer();
      const options = { root: this.session.root, formats: [format], strict: this.strict, quiet: true, ...this.session.reusable() };
      const result = await build(format === 'pdf' ? { ...options, pdfRenderer: this.pdfRenderer as PdfRenderer } : options, diagnostics);
      const written = result.outputs.map((o) => `${path.relative(process.cwd(), o.file) || o.file} (${formatSize(o.bytes)})`).join(', ');
      const message = `${format.toUpperCase()} written in ${Math.round(performance.now() - start)} ms: ${written}`;
      log(message);
      return { ok: true, message };
    } catch (error) {
      for (const d of diagnostics.list.filter((x) => isBlocking(x, this.strict))) log(formatDiagnostic(d, this.strict));
      const message = `${format.toUpperCase()} failed: ${error instanceof BuildError ? error.message : String((error as Error).stack ?? error)}`;
      log(message);
      return { ok: false, message };
    }
  }

  /**
   * The print pages of one chapter of the preview's manuscript (`chapterId` as in `ch02`), from
   * the same warm Chromium and cache as the PDF; problems come back as a message.
   */
  async chapterPages(chapterId: string): Promise<{ ok: true; pdf: Uint8Array } | { ok: false; message: string }> {
    const manuscript = this.session.state.manuscript;
    const chapter = manuscript?.chapters.find((c) => c.id === chapterId);
    if (!manuscript || !chapter) return { ok: false, message: `no chapter ${chapterId} in the book` };
    try {
      const { PdfRenderer, printChapter } = await import('../outputs/pdf/index.js');
      this.pdfRenderer ??= new PdfRenderer();
      return { ok: true, pdf: await printChapter(manuscript, chapter, this.pdfRenderer, new Diagnostics()) };
    } catch (error) {
      return { ok: false, message: `the pages could not be printed: ${error instanceof BuildError ? error.message : String((error as Error).stack ?? error)}` };
    }
  }

  /** The warm Chromium, started on first use: the preview's diagrams are drawn in it too. */
  async chromium(): Promise<Browser> {
    this.pdfRenderer ??= new (await import('../outputs/pdf/index.js')).PdfRenderer();
    return this.pdfRenderer.chromium();
  }

  /** Closes the warm Chromium, if one was started. */
  async close(): Promise<void> {
    // A Ctrl-C may already have killed the browser: closing it then may fail, harmlessly.
    await this.pdfRenderer?.close().catch(() => undefined);
    this.pdfRenderer = undefined;
  }
}
