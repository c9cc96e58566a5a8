/**
 * The cross-build print cache: a command-line build keeps each printed chapter in the book's
 * `.cache/`, and the next build prints only the chapters whose print document changed. A cached
 * build must come out the same as a cold one, its contents page numbers, folios and right-hand
 * openers recomputed; a build killed while printing must leave a cache the next build can use.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { launcher, removeTempDirs, runCli, tempDir } from './helpers/cli.js';
import { pdfChecks, type BuiltBook } from './helpers/pdf-checks.js';
import { bookTitle, chapterTitles, writeFixtureBook } from './helpers/pdf-fixture-book.js';
import { normalizedPdf } from './helpers/poppler.js';

/** The `N printed, M from the cache` counts of a build's progress line. */
function printCounts(stderr: string): [number, number] {
  const found = /chapter\(s\) in \d+ ms: (\d+) printed, (\d+) from the cache/.exec(stderr);
  assert.ok(found, stderr);
  return [Number(found[1]), Number(found[2])];
}

/** Builds the PDF of `dir` and returns what the progress line says was printed. */
async function buildPdf(dir: string, ...extra: string[]): Promise<[number, number]> {
  const run = await runCli(['build', dir, '--format', 'pdf', ...extra]);
  assert.equal(run.code, 0, run.stderr);
  return printCounts(run.stderr);
}

/** The folder's chapter files, in order. */
function chapterFiles(dir: string): string[] {
  const manuscript = path.join(dir, 'manuscript');
  return readdirSync(manuscript)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(manuscript, f));
}

describe('PDF: chapters printed by an earlier build are reused', () => {
  const dir = path.join(tempDir('pdf-cache-'), 'book');
  const pdf = path.join(dir, 'dist', 'fixture.pdf');
  let coldPdf = '';
  const counts: Record<string, [number, number]> = {};
  let edited: BuiltBook;

  before(async () => {
    writeFixtureBook(dir);
    counts.cold = await buildPdf(dir);
    coldPdf = normalizedPdf(pdf);
    counts.unchanged = await buildPdf(dir);
    // Long enough to push the later chapters' pages: their numbers in the contents must follow.
    const third = chapterFiles(dir)[2] as string;
    appendFileSync(third, `\n${Array.from({ length: 40 }, (_, i) => `덧붙인 문단 ${i}: 캐시된 장 뒤의 쪽 번호가 바뀌어야 합니다.`).join('\n\n')}\n`);
    counts.edited = await buildPdf(dir);
    edited = {
      pdf,
      preflight: JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.preflight.json'), 'utf8')) as Preflight,
      bookTitle,
      chapterTitles,
      tocLabel: '차례',
      roman: false,
      trim: [148, 210],
      bleed: 3,
      margins: { top: 18, bottom: 20 },
    };
    counts.noCache = await buildPdf(dir, '--no-cache');
  });
  after(removeTempDirs);

  it('should print every chapter cold, none when nothing changed, one after one chapter was edited, all with --no-cache', () => {
    assert.deepEqual(counts, { cold: [6, 0], unchanged: [0, 6], edited: [1, 5], noCache: [6, 0] });
  });

  it('should give the same PDF content from the cache as cold', async () => {
    const again = path.join(tempDir('pdf-cache-again-'), 'book');
    writeFixtureBook(again);
    await buildPdf(again);
    assert.equal(await buildPdf(again).then(() => normalizedPdf(path.join(again, 'dist', 'fixture.pdf'))), coldPdf);
  });

  describe('the PDF built after the edit, from five cached chapters and one printed', () => {
    pdfChecks(() => edited);
  });
});

describe('PDF: a build killed while printing', () => {
  it('should leave a cache that the next build uses safely', { timeout: 240_000 }, async () => {
    const dir = path.join(tempDir('pdf-killed-'), 'book');
    writeFixtureBook(dir);
    const entries = path.join(dir, '.cache', 'build', 'printed-document');
    const child = spawn(process.execPath, [launcher, 'build', dir, '--format', 'pdf'], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Killed as soon as the first chapter is in the cache: the others are being printed then.
    const deadline = Date.now() + 180_000;
    while (!(existsSync(entries) && readdirSync(entries).some((f) => !f.endsWith('.tmp'))) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const [printed, cached] = await buildPdf(dir);
    assert.equal(printed + cached, 6);
    assert.ok(cached >= 1, `the finished entries are used (${printed} printed, ${cached} from the cache)`);
    const cold = path.join(tempDir('pdf-killed-cold-'), 'book');
    writeFixtureBook(cold);
    await buildPdf(cold, '--no-cache');
    assert.equal(normalizedPdf(path.join(dir, 'dist', 'fixture.pdf')), normalizedPdf(path.join(cold, 'dist', 'fixture.pdf')));
  });
});
