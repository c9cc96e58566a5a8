/**
 * The build, top to bottom: resolve the configuration, load the manuscript once, then write each
 * requested output from the same model. Every output goes to a temporary file first and is
 * renamed into `dist/` only when complete, so a failed build never leaves a broken book.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type BookConfig } from './config/load.js';
import { BuildError, Diagnostics } from './diagnostics.js';
import { stage } from './log.js';
import { loadManuscript } from './manuscript/load.js';
import type { Manuscript } from './manuscript/model.js';
import { ManuscriptParser } from './manuscript/parse.js';
import { buildEpub } from './outputs/epub/index.js';
import type { PdfRenderer } from './outputs/pdf/index.js';

export type Format = 'epub' | 'pdf';

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
}

/** Builds the requested formats of the book at `options.root`. */
export async function build(options: BuildOptions, diagnostics = new Diagnostics()): Promise<BuildResult> {
  const quiet = options.quiet ?? false;
  // Chromium starts while the manuscript loads; a build's own browser is closed on every exit.
  const ownRenderer = options.formats.includes('pdf') && !options.pdfRenderer ? new (await import('./outputs/pdf/index.js')).PdfRenderer() : undefined;
  ownRenderer?.warm();
  const renderer = options.pdfRenderer ?? ownRenderer;
  try {
    const config = await stage('configuration', () => loadConfig(path.resolve(options.root), diagnostics), quiet);
    const parser = options.parser ?? new ManuscriptParser(config.labels, { language: config.language });
    const manuscript = await stage('manuscript', () => loadManuscript(config, diagnostics, parser), quiet);
    failOnProblems(diagnostics, options.strict);

    const outputs: BuildResult['outputs'] = [];
    for (const format of options.formats) {
      const file = path.join(config.distDir, `${config.output}.${format}`);
      const rendered = await stage(format.toUpperCase(), () => renderOutput(format, manuscript, diagnostics, renderer, renderer === ownRenderer), quiet);
      writeAtomically(file, rendered.data);
      for (const sidecar of rendered.sidecars) writeAtomically(`${file.slice(0, -format.length - 1)}${sidecar.suffix}`, sidecar.data);
      outputs.push({ format, file, bytes: statSync(file).size });
    }
    return { config, manuscript, outputs, diagnostics };
  } finally {
    await ownRenderer?.close();
  }
}

/** An output's bytes and the files written next to it (the PDF's preflight report). */
interface Rendered {
  data: Buffer;
  sidecars: { suffix: string; data: string }[];
}

/** Dispatches one output format. */
async function renderOutput(format: Format, manuscript: Manuscript, diagnostics: Diagnostics, renderer: PdfRenderer | undefined, release: boolean): Promise<Rendered> {
  switch (format) {
    case 'epub':
      return { data: await buildEpub(manuscript), sidecars: [] };
    case 'pdf': {
      // Loaded on demand: an EPUB-only build need not load puppeteer.
      const { buildPdf } = await import('./outputs/pdf/index.js');
      const result = await buildPdf(manuscript, diagnostics, renderer, release);
      return { data: result.pdf, sidecars: [{ suffix: '.preflight.json', data: `${JSON.stringify(result.preflight, null, 2)}\n` }] };
    }
    default:
      return format satisfies never;
  }
}

/** Stops before writing anything when the manuscript has errors (or warnings under --strict). */
function failOnProblems(diagnostics: Diagnostics, strict: boolean): void {
  if (!diagnostics.failed(strict)) return;
  const errors = diagnostics.list.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.list.length - errors;
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
