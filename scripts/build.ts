/**
 * The build, top to bottom: resolve the configuration, load the manuscript once, then render each
 * requested output from the same model. Every output goes to a temporary file first and is
 * renamed into `dist/` only when complete, so a failed build never leaves a broken book.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { Cache } from './cache/cache.js';
import { DiskStore } from './cache/disk-store.js';
import { resolveLayout, type BookLayout } from './config/layout.js';
import { loadConfig, type BookConfig } from './config/load.js';
import { importPlugins } from './config/plugins.js';
import { diskDrawer, type DrawStats } from './diagrams/drawer.js';
import { BuildError, Diagnostics, isBlocking } from './diagnostics.js';
import { log, stage, type Timings } from './log.js';
import { asBrowserUser } from './outputs/browser-user.js';
import { loadManuscript } from './manuscript/load.js';
import type { Manuscript } from './manuscript/model.js';
import { ManuscriptParser } from './manuscript/parse.js';
import { releaseBlockers, releaseNote } from './release.js';
import { loadOutput, type BrowserLease, type Format, type RenderContext, type Rendered } from './outputs/output.js';
import type { PdfRenderer } from './outputs/pdf/render.js';

export type { Format };

export interface BuildOptions {
  /** The book: its folder (or Markdown file), or its layout when the caller resolved it already. */
  root: string | BookLayout;
  formats: Format[];
  strict: boolean;
  /**
   * The release gate: what a published book must not have (release.ts) is an error, and the build
   * writes nothing while there is one; otherwise it builds as without it.
   */
  release?: boolean;
  /** Kept between builds by the dev server so unchanged files are not parsed again. */
  parser?: ManuscriptParser;
  /** A warm Chromium (and its per-chapter cache) kept by the dev server; else one per build. */
  pdfRenderer?: PdfRenderer;
  /**
   * Keep printed chapters in the book's `.cache/` for later builds (the command line's default;
   * `--no-cache` turns it off), so a chapter whose print document did not change is not printed again.
   */
  diskCache?: boolean;
  quiet?: boolean;
}

export interface BuildResult {
  config: BookConfig;
  manuscript: Manuscript;
  outputs: { format: Format; file: string; bytes: number }[];
  diagnostics: Diagnostics;
  timings: Timings;
}

/** Builds the requested formats of the book at `options.root`. */
export async function build(options: BuildOptions, diagnostics = new Diagnostics()): Promise<BuildResult> {
  const quiet = options.quiet ?? false;
  const timings: Timings = [];
  const layout = typeof options.root === 'string' ? resolveLayout(options.root) : options.root;
  const outputs = await Promise.all(options.formats.map(loadOutput));
  const diskStore = options.diskCache ? new DiskStore(layout.cacheDir) : undefined;
  const printCache = diskStore && new Cache({ store: diskStore });
  // Chromium starts while the manuscript loads, unless an earlier build left the whole PDF in the
  // cache (outputs/pdf/book-cache.ts): an unchanged book needs no Chromium nor the printing
  // modules, and an edited one leases them once that PDF is found stale (`printer`). A build's own
  // browser is closed on every exit.
  const early = options.pdfRenderer !== undefined || !diskStore?.holds('pdf-book');
  let browser = early && outputs.some((o) => o.needsBrowser) ? await leaseBrowser(options.pdfRenderer, printCache) : undefined;
  // Diagrams (and the EPUB's typographic cover) are drawn in the same Chromium: a build that
  // prints nothing starts one only when a drawing is not in the cache.
  let leasing: Promise<BrowserLease> | undefined;
  const printer = async (): Promise<PdfRenderer> => {
    browser ??= await (leasing ??= leaseBrowser(options.pdfRenderer, printCache));
    return browser.renderer;
  };
  const chromium = async (): Promise<Browser> => (await printer()).chromium();
  if (options.release) diagnostics.escalate(releaseBlockers, releaseNote);
  try {
    const config = await stage('configuration', () => loadConfig(layout, diagnostics), timings, quiet);
    const parser = options.parser ?? (await parserFor(config, diagnostics, false, printCache));
    const drawer = diskDrawer(config.layout.cacheDir, () => asBrowserUser('Diagrams', chromium));
    const manuscript = await stage('manuscript', () => loadManuscript(config, diagnostics, parser, drawer), timings, quiet);
    reportDrawing(drawer.stats, timings, quiet);
    // What blocks only a release waits until every output is rendered, so that the PDF's font check
    // runs too and the author gets every blocker in one list.
    failOnProblems(diagnostics, options.strict, options.release ? releaseBlockers : undefined);

    const context: RenderContext = { manuscript, config, diagnostics, timings, chromium, printer, cache: printCache };
    // The printing output renders first: where its pages begin is the EPUB's page-list.
    const order = [...outputs].sort((a, b) => Number(b.needsBrowser) - Number(a.needsBrowser));
    // An output after the printing one may still draw with the browser (the EPUB's cover): the
    // printing output may close it early only when it comes last.
    const last = order.at(-1)?.needsBrowser === true;
    if (browser) context.browser = { ...browser, release: browser.release && last };
    else context.releasePrinter = last && !options.pdfRenderer;
    // Every output is rendered before any is written: one that fails (a PDF font that print shops
    // reject) leaves dist/ as it was, the other outputs of the same build included.
    const results = new Map<Format, Rendered>();
    for (const output of order) results.set(output.format, await stage(output.format.toUpperCase(), () => output.render(context), timings, quiet));
    const rendered = outputs.map((output) => ({ output, result: results.get(output.format) as Rendered }));
    if (options.release) failOnReleaseBlockers(diagnostics);
    const written: BuildResult['outputs'] = [];
    for (const { output, result } of rendered) {
      const file = path.join(config.layout.distDir, `${config.output}.${output.format}`);
      writeAtomically(file, result.data);
      for (const sidecar of result.sidecars) writeAtomically(`${file.slice(0, -output.format.length - 1)}${sidecar.suffix}`, sidecar.data);
      written.push({ format: output.format, file, bytes: statSync(file).size });
    }
    return { config, manuscript, outputs: written, diagnostics, timings };
  } finally {
    if (browser && !options.pdfRenderer) await browser.renderer.close();
  }
}

/** How many diagrams were drawn and how many came from the cache: a progress line, and a timing. */
function reportDrawing(stats: DrawStats, timings: Timings, quiet: boolean): void {
  if (stats.drawn + stats.cached === 0) return;
  timings.push({ stage: 'diagrams', ms: stats.ms });
  if (!quiet) log(`• diagrams: ${stats.drawn} drawn, ${stats.cached} from the cache (${Math.round(stats.ms)} ms)`);
}

/**
 * A parser for one build of the book, with the book's own plugins; over `cache` (the book's disk
 * cache) a rebuild parses and resolves only the chapters whose inputs changed.
 */
export async function parserFor(config: BookConfig, diagnostics: Diagnostics, keep = false, cache?: Cache): Promise<ManuscriptParser> {
  const plugins = await importPlugins(config.plugins, config.layout.metadataFile, config.root, diagnostics);
  return new ManuscriptParser(config.labels, { keep, language: config.language, plugins, root: config.root, ...(cache ? { cache } : {}) });
}

/** The dev server's warm browser, or a new one of this build's own (printing into `cache`), already starting. */
async function leaseBrowser(warm: PdfRenderer | undefined, cache: Cache | undefined): Promise<BrowserLease> {
  if (warm) return { renderer: warm, release: false };
  const renderer = new (await import('./outputs/pdf/render.js')).PdfRenderer(cache ? { cache } : {});
  renderer.warm();
  return { renderer, release: true };
}

/**
 * Stops before writing anything when the manuscript has errors (or warnings under --strict); the
 * errors of the rules in `later` are left for a later check.
 */
function failOnProblems(diagnostics: Diagnostics, strict: boolean, later?: ReadonlySet<string>): void {
  if (!diagnostics.list.some((d) => isBlocking(d, strict) && !later?.has(d.ruleId ?? ''))) return;
  const { errors, warnings } = diagnostics.counts();
  throw new BuildError(
    strict && errors === 0 ? `${warnings} warning(s) under --strict: nothing was written` : `${errors} error(s) in the manuscript: nothing was written`,
  );
}

/** Stops before writing anything when the book has what blocks a release (its errors are listed already). */
function failOnReleaseBlockers(diagnostics: Diagnostics): void {
  const blockers = diagnostics.list.filter((d) => d.fatal === true && releaseBlockers.has(d.ruleId ?? '')).length;
  if (blockers) throw new BuildError(`${blockers} problem(s) that block a release (--release): nothing was written`);
}

/** Writes a file through a temporary name in the same folder, so readers never see half of it. */
export function writeAtomically(file: string, data: Buffer | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
