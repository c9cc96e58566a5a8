/**
 * The cross-build print cache: a command-line build keeps each printed chapter in the book's
 * `.cache/`, and the next build prints only the chapters whose print document changed. A cached
 * build must come out the same as a cold one, its contents page numbers, folios and right-hand
 * openers recomputed; a build killed while printing must leave a cache the next build can use.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { launcher, removeTempDirs, runCli, tempDir } from './helpers/cli.js';
import { pdfChecks, type BuiltBook } from './helpers/pdf-checks.js';
import { bookTitle, chapterTitles, writeFixtureBook } from './helpers/pdf-fixture-book.js';
import { normalizedPdf, pageText, visibleDifference } from './helpers/poppler.js';

/** The `N printed, M from the cache` counts of a build's progress line. */
function printCounts(stderr: string): [number, number] {
  const found = /chapter\(s\) in \d+ ms: (\d+) printed, (\d+) from the cache/.exec(stderr);
  assert.ok(found, stderr);
  return [Number(found[1]), Number(found[2])];
}

/** Builds the PDF of `dir` and returns what the progress line says was printed. */
async function buildPdf(dir: string, ...extra: string[]): Promise<[number, number]> {
  return printCounts(await buildLog(dir, ...extra));
}

/** Builds the PDF of `dir` and returns its progress lines. */
async function buildLog(dir: string, ...extra: string[]): Promise<string> {
  const run = await runCli(['build', dir, '--format', 'pdf', ...extra]);
  assert.equal(run.code, 0, run.stderr);
  return run.stderr;
}

/** Whether a build's progress lines say it started Chromium. */
function launchedChromium(stderr: string): boolean {
  return /using Chromium at /.test(stderr);
}

/** Whether a build's progress lines say the whole PDF came from the cache. */
function reusedBook(stderr: string): boolean {
  return /PDF: the assembled book from the cache/.test(stderr);
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
  let coldBytes = Buffer.alloc(0);
  let coldPreflight = '';
  const counts: Record<string, [number, number]> = {};
  const logs: Record<string, string> = {};
  const bytes: Record<string, Buffer> = {};
  let edited: BuiltBook;

  before(async () => {
    writeFixtureBook(dir);
    logs.cold = await buildLog(dir);
    counts.cold = printCounts(logs.cold);
    coldPdf = normalizedPdf(pdf);
    coldBytes = readFileSync(pdf);
    coldPreflight = readFileSync(pdf.replace(/\.pdf$/, '.preflight.json'), 'utf8');
    logs.unchanged = await buildLog(dir);
    counts.unchanged = printCounts(logs.unchanged);
    bytes.unchanged = readFileSync(pdf);
    bytes.unchangedPreflight = readFileSync(pdf.replace(/\.pdf$/, '.preflight.json'));
    // Long enough to push the later chapters' pages: their numbers in the contents must follow.
    const third = chapterFiles(dir)[2] as string;
    appendFileSync(third, `\n${Array.from({ length: 40 }, (_, i) => `덧붙인 문단 ${i}: 캐시된 장 뒤의 쪽 번호가 바뀌어야 합니다.`).join('\n\n')}\n`);
    logs.edited = await buildLog(dir);
    counts.edited = printCounts(logs.edited);
    bytes.edited = readFileSync(pdf);
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
    logs.noCache = await buildLog(dir, '--no-cache');
    counts.noCache = printCounts(logs.noCache);
  });
  after(removeTempDirs);

  it('should print every chapter cold, none when nothing changed, one after one chapter was edited, all with --no-cache', () => {
    assert.deepEqual(counts, { cold: [6, 0], unchanged: [0, 6], edited: [1, 5], noCache: [6, 0] });
  });

  it('should write the very bytes of the previous PDF and its preflight report when nothing changed, without starting Chromium', () => {
    assert.ok(launchedChromium(logs.cold as string));
    assert.ok(reusedBook(logs.unchanged as string), logs.unchanged);
    assert.ok(!launchedChromium(logs.unchanged as string), logs.unchanged);
    assert.ok((bytes.unchanged as Buffer).equals(coldBytes), 'the same bytes as the cold build');
    assert.equal((bytes.unchangedPreflight as Buffer).toString('utf8'), coldPreflight);
  });

  it('should assemble the book again after an edit, and every time with --no-cache', () => {
    assert.ok(!reusedBook(logs.edited as string) && launchedChromium(logs.edited as string), logs.edited);
    assert.ok(!(bytes.edited as Buffer).equals(coldBytes), 'the edited chapter changed the PDF');
    assert.ok(!reusedBook(logs.noCache as string), logs.noCache);
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

describe('PDF: the whole book from the cache', () => {
  after(removeTempDirs);

  it('should build it again when the configuration changes, though no chapter did', { timeout: 240_000 }, async () => {
    const dir = path.join(tempDir('pdf-book-config-'), 'book');
    writeFixtureBook(dir);
    await buildPdf(dir);
    const metadata = path.join(dir, 'manuscript', 'book.yaml');
    writeFileSync(metadata, readFileSync(metadata, 'utf8').replace(/^title: .*$/m, 'title: 바뀐 제목'));
    const stderr = await buildLog(dir);
    assert.ok(!reusedBook(stderr), stderr);
    assert.match(pageText(path.join(dir, 'dist', 'fixture.pdf'), 1), /바뀐 제목/);
  });

  it('should come out whole from two builds at once, for them and for the next build', { timeout: 300_000 }, async () => {
    const dir = path.join(tempDir('pdf-book-twice-'), 'book');
    writeFixtureBook(dir);
    const [a, b] = await Promise.all([runCli(['build', dir, '--format', 'pdf']), runCli(['build', dir, '--format', 'pdf'])]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const written = normalizedPdf(path.join(dir, 'dist', 'fixture.pdf'));
    const stderr = await buildLog(dir);
    assert.ok(reusedBook(stderr) && !launchedChromium(stderr), stderr);
    assert.equal(normalizedPdf(path.join(dir, 'dist', 'fixture.pdf')), written);
    const entries = readdirSync(path.join(dir, '.cache', 'build', 'pdf-book'));
    assert.equal(entries.length, 1, `one version of the book is kept: ${entries.join(', ')}`);
  });
});

/** The processes whose parent is `pid`. */
function childProcesses(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A process's command line ('' once it is gone). */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Whether a process still runs (a zombie waiting for its parent counts as gone). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

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
    const browsers = childProcesses(child.pid as number).filter((pid) => commandOf(pid).includes('chromium'));
    assert.ok(browsers.length > 0, 'the build had started Chromium');
    child.kill('SIGKILL');
    await exited;
    // No handler runs on SIGKILL: Chromium must see its pipe close and quit on its own.
    const gone = Date.now() + 60_000;
    while (browsers.some(isAlive) && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(browsers.filter(isAlive), [], 'Chromium outlived the killed build');
    const [printed, cached] = await buildPdf(dir);
    assert.equal(printed + cached, 6);
    assert.ok(cached >= 1, `the finished entries are used (${printed} printed, ${cached} from the cache)`);
    const cold = path.join(tempDir('pdf-killed-cold-'), 'book');
    writeFixtureBook(cold);
    await buildPdf(cold, '--no-cache');
    assert.equal(visibleDifference(path.join(dir, 'dist', 'fixture.pdf'), path.join(cold, 'dist', 'fixture.pdf')), undefined);
  });
});
