/**
 * The build, top to bottom: resolve the configuration, load the manuscript once, then render each
 * requested output from the same model. Every output goes to a temporary file first and is
 * renamed into `dist/` only when complete, so a failed build never leaves a broken book.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type BookConfig } from './config/load.js';
import { importPlugins } from './config/plugins.js';
import { BuildError, Diagnostics } from './diagnostics.js';
import { stage, type Timings } from './log.js';
import { loadManuscript } from './manuscript/load.js';
import type { Manuscript } from './manuscript/model.js';
import { ManuscriptParser } from './manuscript/parse.js';
import { loadOutput, type BrowserLease, type Format, type RenderContext } from './outputs/output.js';
import type { PdfRenderer } from './outputs/pdf/render.js';

export type { Format };

export interface BuildOptions {
  root: string;
  formats: Format[];
  strict: boolean;
  /** Kept between builds by the dev server so unchanged files are not parsed again. */
  parser?: ManuscriptParser;
  /** A warm Chromium (and its per-chapter cache) kept by the dev server; else one per build. */
  pdfRenderer?: PdfRenderer;
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
  const outputs = await Promise.all(options.formats.map(loadOutput));
  // Chromium starts while the manuscript loads; a build's own browser is closed on every exit.
  const browser = outputs.some((o) => o.needsBrowser) ? await leaseBrowser(options.pdfRenderer) : undefined;
  try {
    const config = await stage('configuration', () => loadConfig(path.resolve(options.root), diagnostics), timings, quiet);
    const parser = options.parser ?? (await parserFor(config, diagnostics));
    const manuscript = await stage('manuscript', () => loadManuscript(config, diagnostics, parser), timings, quiet);
    failOnProblems(diagnostics, options.strict);

    const context: RenderContext = { manuscript, config, diagnostics, timings };
    if (browser) context.browser = browser;
    const written: BuildResult['outputs'] = [];
    for (const output of outputs) {
      const file = path.join(config.layout.distDir, `${config.output}.${output.format}`);
      const rendered = await stage(output.format.toUpperCase(), () => output.render(context), timings, quiet);
      writeAtomically(file, rendered.data);
      for (const sidecar of rendered.sidecars) writeAtomically(`${file.slice(0, -output.format.length - 1)}${sidecar.suffix}`, sidecar.data);
      written.push({ format: output.format, file, bytes: statSync(file).size });
    }
    return { config, manuscript, outputs: written, diagnostics, timings };
  } finally {
    if (browser && !options.pdfRenderer) await browser.renderer.close();
  }
}

/** A parser for one build of the book, with the book's own plugins. */
export async function parserFor(config: BookConfig, diagnostics: Diagnostics, keep = false): Promise<ManuscriptParser> {
  const plugins = await importPlugins(config.plugins, config.layout.metadataFile, config.root, diagnostics);
  return new ManuscriptParser(config.labels, { keep, language: config.language, plugins });
}

/** The dev server's warm browser, or a new one of this build's own, already starting. */
async function leaseBrowser(warm: PdfRenderer | undefined): Promise<BrowserLease> {
  if (warm) return { renderer: warm, release: false };
  const renderer = new (await import('./outputs/pdf/render.js')).PdfRenderer();
  renderer.warm();
  return { renderer, release: true };
}

/** Stops before writing anything when the manuscript has errors (or warnings under --strict). */
function failOnProblems(diagnostics: Diagnostics, strict: boolean): void {
  if (!diagnostics.failed(strict)) return;
  const { errors, warnings } = diagnostics.counts();
  throw new BuildError(
    strict && errors === 0 ? `${warnings} warning(s) under --strict: nothing was written` : `${errors} error(s) in the manuscript: nothing was written`,
  );
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
