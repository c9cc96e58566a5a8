#!/usr/bin/env node
/**
 * Command line: turns argv into a call to `build()` (or the dev server) and the outcome into
 * messages and an exit status. It sets `process.exitCode` and lets Node end by itself, so
 * browsers and servers get to close cleanly.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Format } from '../build.js';
import { resolveLayout } from '../config/layout.js';
import { BuildError, Diagnostics, formatDiagnostic, severityOf } from '../diagnostics.js';
import { formatSize, log, say, setQuiet } from '../log.js';

const usage = `Usage:
  book build [DIR] [--format epub|pdf]... [--strict] [--release]
                                                       build the book whose root is DIR (default: this repository)
  book dev [DIR] [--port N] [--strict]                 watch the book and serve a live preview

Options:
  --format, -f   epub or pdf; repeat for both (default: every format)
  --strict       treat warnings as errors
  --release      fail, writing nothing, on what a published book must not have: a placeholder for an
                 image, a broken link, an image without alt text, neither identifier nor isbn
  --port, -p     preview port for dev (default 4321; the next free one if taken)
  --no-cache     print every chapter again instead of reusing the ones in .cache/
  --quiet, -q    print only problems and the outputs written
  --timings FILE write each build stage's time to FILE as JSON (for the benchmark)
  --help, -h     show this help`;

/** Runs the command line and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', multiple: true },
        strict: { type: 'boolean', default: false },
        release: { type: 'boolean', default: false },
        port: { type: 'string', short: 'p' },
        timings: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    say(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  setQuiet(values.quiet ?? false);
  const [command = 'build', dir, ...rest] = positionals;
  if (values.help) {
    say(usage);
    return 0;
  }
  if (rest.length) {
    say(`unexpected arguments: ${rest.join(' ')}\n\n${usage}`);
    return 2;
  }
  const formats = (values.format ?? ['epub', 'pdf']) as string[];
  const unknown = formats.filter((f) => f !== 'epub' && f !== 'pdf');
  if (unknown.length) {
    say(`unknown format ${unknown.join(', ')}: use epub or pdf`);
    return 2;
  }
  const root = bookRoot(dir);
  if (root === undefined) return 2;
  if (command === 'build') return runBuild(root, formats as Format[], { strict: values.strict ?? false, release: values.release ?? false, diskCache: !values['no-cache'] }, values.timings);
  if (values.release) {
    say(`--release is an option of build: a preview is never published\n\n${usage}`);
    return 2;
  }
  if (command === 'dev') {
    const port = Number(values.port ?? 4321);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      say(`--port must be a port number, not "${values.port}"`);
      return 2;
    }
    // Loaded on demand: a plain build need not load the watcher and the server.
    const { startDev } = await import('../dev/index.js');
    return startDev({ root, strict: values.strict ?? false, port });
  }
  say(`unknown command "${command}"\n\n${usage}`);
  return 2;
}

/**
 * The book folder named by the DIR argument (this folder when there is none). An empty argument,
 * as a script with an unset variable passes, is refused rather than read as this folder.
 */
function bookRoot(dir: string | undefined): string | undefined {
  if (dir === undefined) return path.resolve('.');
  if (dir.trim() === '') {
    say('the book folder argument DIR is empty (an unset variable?): name a folder, or leave DIR out to build the book in this folder');
    return undefined;
  }
  const root = path.resolve(dir);
  if (!existsSync(root)) {
    say(`the book folder "${dir}" does not exist (${root})`);
    return undefined;
  }
  return root;
}

/** `book build`: builds, prints every problem and the outputs, returns the exit status. */
async function runBuild(root: string, formats: Format[], settings: { strict: boolean; release: boolean; diskCache: boolean }, timingsFile: string | undefined): Promise<number> {
  const { strict } = settings;
  const diagnostics = new Diagnostics();
  try {
    const layout = resolveLayout(root);
    log(`Building ${formats.join(' + ').toUpperCase()} of ${root}: ${layout.description}`);
    const result = await build({ root: layout, formats, ...settings }, diagnostics);
    if (timingsFile) writeFileSync(timingsFile, `${JSON.stringify(result.timings, null, 2)}\n`);
    printDiagnostics(diagnostics, strict);
    for (const output of result.outputs) say(`  ${path.relative(process.cwd(), output.file) || output.file}  ${formatSize(output.bytes)}`);
    return 0;
  } catch (error) {
    printDiagnostics(diagnostics, strict);
    if (error instanceof BuildError) {
      say(`build failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** Prints the problems found, then a count; infos (what the tool decided) are no problems, so `--quiet` leaves them out. */
function printDiagnostics(diagnostics: Diagnostics, strict: boolean): void {
  const byPlace = [...diagnostics.list].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  for (const d of byPlace) (severityOf(d) === 'info' ? log : say)(formatDiagnostic(d, strict));
  const { errors, warnings } = diagnostics.counts();
  if (diagnostics.list.length) (errors + warnings ? say : log)(`${errors} error(s), ${warnings} warning(s)`);
}

process.exitCode = await main(process.argv.slice(2));
