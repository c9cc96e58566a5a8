/**
 * `npm run bench`: builds generated books and measures, as medians of several runs, the full EPUB
 * build, the full PDF build, a cold `npm run build` of both, the peak memory of the whole process
 * tree, pandoc's EPUB of the same Markdown, the PDF floor (one bare Chromium print of the whole
 * book, bench/floor.ts) and its file size, PDF rebuilds over the print cache (nothing changed, one
 * chapter edited) and the dev server's save-to-reload latency, and checks each book's EPUB with
 * Ace by DAISY; then writes bench/results.md with one row of targets (issue 12) per book.
 *
 * The default books, in this order: mixed prose (bench/generate-book.ts) at ~100, ~500 and ~1,000
 * pages, then a ~500-page Korean book and a ~1,000-page Chinese book of ~200 short chapters, with
 * the character frequencies of real prose (bench/cjk-text.ts). About 25 minutes on 2 cores.
 *
 * Options: --books LIST  the books, as prose:pages (prose mixed, korean or chinese), e.g.
 *                        mixed:100,korean:100,chinese:100; after the --sizes books when both are given
 *          --sizes 100,500,1000 --prose mixed|korean|chinese   books of one prose only (as --books)
 *          --runs N (or one count per book, in order; default 3, 2 from 1,000 pages, one fewer for
 *                  the Korean and Chinese books)
 *          --dev-edits N (20 per book; 0 skips the dev server)
 *          --smoke (one 100-page mixed book, 1 run, 3 dev edits, no Ace; results go to a temp file)
 *          --out FILE   --keep (keep the generated books)
 *          --book DIR (an author's book instead, Ace included; prints one line of ratios last)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../scripts/config/load.js';
import { Diagnostics } from '../scripts/diagnostics.js';
import { listSources } from '../scripts/manuscript/sources.js';
import { ace, type AceViolation } from '../test/helpers/ace.js';
import { benchFootnotes, footnotesSection, type FootnotesResult } from './footnotes.js';
import { measureDevLatency, type DevLatency } from './dev-latency.js';
import { prepareFloor } from './floor.js';
import { generateBook, type GeneratedBook, type Prose } from './generate-book.js';
import { measure, median, percentile, type Measurement } from './measure.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GB = 1024 ** 3;
const MB = 1024 ** 2;

/** One generated book of the run. */
interface BookSpec {
  prose: Prose;
  /** Approximate printed pages. */
  pages: number;
  runs: number;
}

/** The command line, resolved. */
interface Options {
  books: BookSpec[];
  devEdits: number;
  smoke: boolean;
  out: string;
  keep: boolean;
  /** `--book DIR`: measure this book (any layout, or one Markdown file) instead of generated ones. */
  book: string | undefined;
  /** Runs for `--book DIR`. */
  bookRuns: number;
}

/** Stage timings read from one build's stderr (ms). */
type Stages = Record<string, number>;

/** Everything measured on one book. */
interface SizeResult {
  size: number;
  prose: Prose;
  /** The book's column heading in the report, e.g. "Korean, 500 pages". */
  label: string;
  runs: number;
  book: GeneratedBook;
  markdownBytes: number;
  ourPages: number;
  floorPages: number;
  /** The PDFs' file sizes, from the last timed run. */
  ourPdfBytes: number;
  floorPdfBytes: number;
  epub: Measurement[];
  pdf: Measurement[];
  cold: Measurement[];
  pandoc: Measurement[] | undefined;
  floor: Measurement[];
  floorUntagged: Measurement | undefined;
  floorPrepared: Measurement | undefined;
  floorPreparedPages: number;
  epubStages: Stages;
  pdfStages: Stages;
  floorSteps: Stages;
  /** An EPUB build right after a cold one, with the diagrams in the cache, and its stages. */
  epubCached: Measurement | undefined;
  epubCachedStages: Stages;
  /** PDF builds over the print cache a cold build left: nothing changed, then one chapter edited. */
  pdfUnchanged: Measurement | undefined;
  pdfOneEdit: Measurement | undefined;
  /** How many diagrams and formulas the book has, for what they cost cold and cached. */
  diagrams: number;
  formulas: number;
  dev: DevLatency | undefined;
  /** What Ace by DAISY found in the EPUB (not run with --smoke). */
  ace: AceViolation[] | undefined;
}

/** Ace's impacts, most severe first. */
const impacts: AceViolation['impact'][] = ['critical', 'serious', 'moderate', 'minor'];

/** The `--prose` value, checked. */
function proseOf(value: string | undefined): Prose {
  if (value === undefined) return 'mixed';
  if (value === 'mixed' || value === 'korean' || value === 'chinese') return value;
  throw new Error(`--prose must be mixed, korean or chinese, not "${value}"`);
}

/** Page counts from a comma-separated list, checked. */
function pagesOf(list: string, flag: string): number[] {
  const pages = list.split(',').map(Number);
  if (pages.some((p) => !Number.isInteger(p) || p < 1)) throw new Error(`${flag} must be page counts, not "${list}"`);
  return pages;
}

/** `--books`: "mixed:100,korean:500" into prose and pages, checked. */
function booksOf(list: string): { prose: Prose; pages: number }[] {
  return list.split(',').map((item) => {
    const [prose, pages] = item.split(':');
    if (pages === undefined) throw new Error(`--books takes prose:pages items (e.g. korean:500), not "${item}"`);
    return { prose: proseOf(prose), pages: pagesOf(pages, '--books')[0] as number };
  });
}

/** The default run: mixed prose at three sizes, then the realistic Korean and Chinese books. */
const defaultBooks: { prose: Prose; pages: number }[] = [
  { prose: 'mixed', pages: 100 },
  { prose: 'mixed', pages: 500 },
  { prose: 'mixed', pages: 1000 },
  { prose: 'korean', pages: 500 },
  { prose: 'chinese', pages: 1000 },
];

/**
 * Default runs per book: 3, 2 from 1,000 pages, and one fewer for the Korean and Chinese books,
 * whose prints are the slowest, so that the default run stays near 25 minutes on 2 cores.
 */
function defaultRuns(book: { prose: Prose; pages: number }): number {
  return (book.pages >= 1000 ? 2 : 3) - (book.prose === 'mixed' ? 0 : 1);
}

/** Parses argv into options; exits with usage on a bad value. */
function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      books: { type: 'string' },
      sizes: { type: 'string' },
      prose: { type: 'string' },
      runs: { type: 'string' },
      'dev-edits': { type: 'string' },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      book: { type: 'string' },
    },
  });
  const smoke = values.smoke ?? false;
  // --sizes and --prose ask for books of one prose, as before --books; --books adds books after them.
  const oneProse = values.sizes !== undefined || values.prose !== undefined;
  const sized = oneProse ? pagesOf(values.sizes ?? (smoke ? '100' : '100,500,1000'), '--sizes').map((pages) => ({ prose: proseOf(values.prose), pages })) : [];
  const listed = values.books !== undefined ? booksOf(values.books) : [];
  const wanted = oneProse || listed.length ? [...sized, ...listed] : smoke ? [{ prose: 'mixed' as const, pages: 100 }] : defaultBooks;
  const runList = (values.runs ?? '').split(',').filter(Boolean).map(Number);
  if (runList.some((r) => !Number.isInteger(r) || r < 1)) throw new Error(`--runs must be positive counts, not "${values.runs}"`);
  const books = wanted.map((b, i) => ({ ...b, runs: runList[runList.length === 1 ? 0 : i] ?? (smoke ? 1 : defaultRuns(b)) }));
  const devEdits = Number(values['dev-edits'] ?? (smoke ? 3 : 20));
  if (!Number.isInteger(devEdits) || devEdits < 0) throw new Error(`--dev-edits must be a count, not "${values['dev-edits']}"`);
  const out = values.out ?? (smoke ? path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-')), 'results.md') : path.join(repo, 'bench', 'results.md'));
  return {
    books,
    devEdits,
    smoke,
    out,
    keep: values.keep ?? false,
    book: values.book,
    bookRuns: runList[0] ?? 3,
  };
}

/** Prints a progress line. */
function say(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** Runs a command and throws with its stderr when it fails. */
async function checked(label: string, command: string, args: string[], cwd = repo, sampleMs = 0): Promise<Measurement> {
  const m = await measure(command, args, { cwd, sampleMs });
  if (m.code !== 0) throw new Error(`${label} failed (exit ${m.code}):\n${m.stderr.slice(-4000)}`);
  say(`  ${label}: ${(m.ms / 1000).toFixed(2)} s${sampleMs ? `, peak ${(m.peakBytes / MB).toFixed(0)} MB PSS (${(m.peakRssBytes / MB).toFixed(0)} MB summed RSS)` : ''}`);
  return m;
}

/** Runs Ace by DAISY on an EPUB and prints its violations by impact, and the rules behind them. */
async function checkAccessibility(epub: string): Promise<AceViolation[]> {
  const started = performance.now();
  const violations = await ace(epub);
  say(`  Ace by DAISY: ${impactCounts(violations)}; ${s(performance.now() - started)} s`);
  if (violations.length) say(`  Ace rules: ${ruleCounts(violations)}`);
  return violations;
}

/** "0 critical, 2 serious, 0 moderate, 0 minor". */
function impactCounts(violations: AceViolation[]): string {
  return impacts.map((impact) => `${violations.filter((v) => v.impact === impact).length} ${impact}`).join(', ');
}

/** "color-contrast ×12, label ×3": each rule with its count, most frequent first. */
function ruleCounts(violations: AceViolation[]): string {
  const counts = new Map<string, number>();
  for (const v of violations) counts.set(v.rule, (counts.get(v.rule) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ×${n}`).join(', ');
}

/** Removes a book's outputs and caches, so the next build starts cold. */
function clean(bookDir: string): void {
  for (const dir of ['dist', '.cache']) rmSync(path.join(bookDir, dir), { recursive: true, force: true });
}

/** The stage timings our build wrote with `--timings` (data, not its progress lines). */
function timingsOf(file: string): Stages {
  const timings = JSON.parse(readFileSync(file, 'utf8')) as { stage: string; ms: number }[];
  return Object.fromEntries(timings.map((t) => [t.stage, t.ms]));
}

/** The floor script's own step timings, from the one line it prints. */
function floorStepsOf(stderr: string): Stages {
  const floor = /^floor: launch (\d+) ms, goto (\d+) ms, pdf (\d+) ms$/m.exec(stderr);
  return floor ? { launch: Number(floor[1]), goto: Number(floor[2]), pdf: Number(floor[3]) } : {};
}

/** The median of each stage over several builds. */
function medianStages(all: Stages[]): Stages {
  const names = [...new Set(all.flatMap((s) => Object.keys(s)))];
  return Object.fromEntries(names.map((n) => [n, median(all.map((s) => s[n]).filter((v): v is number => v !== undefined))]));
}

/** The page count of a PDF, from pdfinfo (0 when pdfinfo is missing). */
function pdfPages(file: string): number {
  try {
    return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Whether a command is on the PATH. */
function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The output of a command, or a fallback when it fails. */
function output(command: string, args: string[], fallback = 'unknown'): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return fallback;
  }
}

/**
 * bench/floor.ts as one plain JavaScript file, so that the floor runs as a minimal program like
 * ours does (through scripts/cli/launch.mjs's bundle), without tsx compiling it at start-up.
 */
async function bundleFloor(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = path.join(dir, 'floor.mjs');
  await build({
    entryPoints: [path.join(repo, 'bench', 'floor.ts')],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    packages: 'external',
  });
  return out;
}

/** A build's time outside its logged stages (configuration, manuscript, the output): start-up, exit. */
function rest(runs: Measurement[], stages: Stages, output: string): number {
  return med(runs) - (stages.configuration ?? 0) - (stages.manuscript ?? 0) - (stages[output] ?? 0);
}

/** The floor's Chromium work alone (launch + goto + page.pdf, timed inside its process). */
function chromiumOnly(steps: Stages): number {
  return (steps.launch ?? 0) + (steps.goto ?? 0) + (steps.pdf ?? 0);
}

/** "mixed", "Korean", "Chinese": a prose's name in the report. */
function proseName(prose: Prose): string {
  return prose === 'mixed' ? prose : `${prose[0]?.toUpperCase()}${prose.slice(1)}`;
}

/** A sentence added to a chapter to edit it, in the book's own script (another script would change its font stacks). */
function editLine(prose: Prose, i: number): string {
  return prose === 'chinese' ? `第${i}次修改的一句话。` : `편집 ${i}: 한 장만 고친 문장입니다.`;
}

/** Measures one generated book. */
async function benchSize(spec: BookSpec, options: Options, pandoc: boolean, floorScript: string): Promise<SizeResult> {
  const { pages: size, prose, runs } = spec;
  const label = `${proseName(prose)}, ${size} pages`;
  const work = mkdtempSync(path.join(os.tmpdir(), `bench-${prose}-${size}-`));
  const bookDir = path.join(work, 'book');
  try {
    const book = generateBook(bookDir, { pages: size, seed: 42, prose });
    const markdownBytes = book.files.reduce((sum, f) => sum + statSync(f).size, 0);
    say(`${size}-page book (${prose} prose): ${book.chapters} chapters, ${(markdownBytes / MB).toFixed(2)} MB of Markdown, ${runs} run(s)`);
    const floorInput = await prepareFloor(bookDir, path.join(work, 'floor'));
    const floorPdf = path.join(work, 'floor.pdf');
    // Ours as `npm run build:*` runs it (the launcher's bundle), without npm's own start-up.
    const cli = ['scripts/cli/launch.mjs', 'build', bookDir];
    const yaml = readFileSync(path.join(bookDir, 'manuscript', 'book.yaml'), 'utf8');
    const title = /^title: (.*)$/m.exec(yaml)?.[1] ?? 'Book';
    const language = /^language: (.*)$/m.exec(yaml)?.[1] ?? 'ko';
    const result: SizeResult = {
      size,
      prose,
      label,
      runs,
      book,
      markdownBytes,
      ourPages: 0,
      floorPages: 0,
      ourPdfBytes: 0,
      floorPdfBytes: 0,
      epub: [],
      pdf: [],
      cold: [],
      pandoc: pandoc ? [] : undefined,
      floor: [],
      floorUntagged: undefined,
      floorPrepared: undefined,
      floorPreparedPages: 0,
      epubStages: {},
      pdfStages: {},
      floorSteps: {},
      epubCached: undefined,
      epubCachedStages: {},
      pdfUnchanged: undefined,
      pdfOneEdit: undefined,
      diagrams: book.diagrams,
      formulas: book.formulas,
      dev: undefined,
      ace: undefined,
    };
    const timingsFile = path.join(work, 'timings.json');
    const epubStages: Stages[] = [];
    const pdfStages: Stages[] = [];
    for (let run = 1; run <= runs; run++) {
      say(` run ${run}/${runs}`);
      clean(bookDir);
      result.epub.push(await checked('EPUB build', process.execPath, [...cli, '--format', 'epub', '--timings', timingsFile]));
      epubStages.push(timingsOf(timingsFile));
      clean(bookDir);
      result.pdf.push(await checked('PDF build', process.execPath, [...cli, '--format', 'pdf', '--timings', timingsFile]));
      pdfStages.push(timingsOf(timingsFile));
      const ourPdf = path.join(bookDir, 'dist', `bench-${size}.pdf`);
      result.ourPages = pdfPages(ourPdf);
      result.ourPdfBytes = statSync(ourPdf).size;
      clean(bookDir);
      result.cold.push(await checked('cold npm run build', 'npm', ['run', '--silent', 'build', '--', bookDir], repo, 50));
      if (result.pandoc) {
        const out = path.join(work, 'pandoc.epub');
        rmSync(out, { force: true });
        const files = book.files.map((f) => path.relative(bookDir, f));
        result.pandoc.push(
          await checked('pandoc EPUB', 'pandoc', ['-o', out, '--resource-path=manuscript', '--metadata', `title=${title}`, '--metadata', `lang=${language}`, ...files], bookDir, 50),
        );
      }
      rmSync(floorPdf, { force: true });
      result.floor.push(await checked('PDF floor', process.execPath, [floorScript, floorInput.html, floorPdf]));
      result.floorPages = pdfPages(floorPdf);
      result.floorPdfBytes = statSync(floorPdf).size;
    }
    if (!options.smoke) {
      // Once per book: what tagging (which the tool asks for and the floor matches) costs.
      rmSync(floorPdf, { force: true });
      result.floorUntagged = await checked('PDF floor, untagged', process.execPath, [floorScript, floorInput.html, floorPdf, '--untagged']);
      // Once per book: the floor of the tool's own print documents' content, as one document.
      const prepared = await prepareFloor(bookDir, path.join(work, 'floor'), { prepared: true });
      rmSync(floorPdf, { force: true });
      result.floorPrepared = await checked('PDF floor, prepared HTML', process.execPath, [floorScript, prepared.html, floorPdf]);
      result.floorPreparedPages = pdfPages(floorPdf);
    }
    // Once per book: the EPUB again with the cache the cold build left (diagrams are not drawn again).
    clean(bookDir);
    await checked('EPUB build, cold (for the cached one)', process.execPath, [...cli, '--format', 'epub']);
    result.epubCached = await checked('EPUB build, cached', process.execPath, [...cli, '--format', 'epub', '--timings', timingsFile]);
    result.epubCachedStages = timingsOf(timingsFile);
    // Once per book, on the EPUB just built: ~15-30 s per book, too long for the smoke run.
    if (!options.smoke) result.ace = await checkAccessibility(path.join(bookDir, 'dist', `bench-${size}.epub`));
    // Once per book: the PDF again over the print cache, unchanged and after a one-chapter edit.
    clean(bookDir);
    await checked('PDF build, cold (for the cached ones)', process.execPath, [...cli, '--format', 'pdf']);
    result.pdfUnchanged = await checked('PDF build, nothing changed', process.execPath, [...cli, '--format', 'pdf']);
    const edited = book.files[Math.floor(book.files.length / 2)] as string;
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n${editLine(prose, 0)}\n`);
    result.pdfOneEdit = await checked('PDF build, one chapter edited', process.execPath, [...cli, '--format', 'pdf']);
    result.epubStages = medianStages(epubStages);
    result.pdfStages = medianStages(pdfStages);
    result.floorSteps = medianStages(result.floor.map((m) => floorStepsOf(m.stderr)));
    if (options.devEdits > 0) {
      clean(bookDir);
      say(` dev-mode save-to-reload latency, ${options.devEdits} edits`);
      result.dev = await measureDevLatency(bookDir, edited, options.devEdits, (i) => editLine(prose, i));
      say(`  p50 ${percentile(result.dev.latencies, 50).toFixed(0)} ms, p95 ${percentile(result.dev.latencies, 95).toFixed(0)} ms`);
    }
    return result;
  } finally {
    if (options.keep) say(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** Seconds with two decimals. */
function s(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** The median wall time of some measurements. */
function med(runs: Measurement[]): number {
  return median(runs.map((r) => r.ms));
}

/** A Markdown table with the books as columns. */
function table(title: string, rows: [string, ...string[]][], books: string[]): string {
  const head = `| ${title} | ${books.join(' | ')} |`;
  const rule = `|:--|${books.map(() => '--:').join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The largest of one memory figure over some runs, in MB. */
function mb(runs: Measurement[], key: 'peakBytes' | 'peakRssBytes'): string {
  return `${(Math.max(...runs.map((m) => m[key])) / MB).toFixed(0)} MB`;
}

/** A ratio and whether it meets a target. */
function verdict(value: number, limit: number): string {
  return `${value.toFixed(2)} ${value <= limit ? '✅' : '❌'}`;
}

/** The machine the benchmark ran on, for the report. */
function machine(): [string, string][] {
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
  const cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const osName = /^PRETTY_NAME="?([^"\n]*)/m.exec(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '')?.[1] ?? os.type();
  const chromium = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', 'chromium'].map((c) => output(c, ['--version'], '')).find(Boolean) ?? 'unknown';
  return [
    ['CPU', `${cpu} (nproc ${os.availableParallelism()})`],
    ['Memory', `${(memKb / 1024 / 1024).toFixed(1)} GB (MemTotal)`],
    ['OS', `${osName}, kernel ${os.release()}`],
    ['Node', process.version],
    ['Chromium', chromium],
    ['pandoc', output('pandoc', ['--version'], 'absent').split('\n')[0] as string],
  ];
}

/** The load averages, as "1 min / 5 min / 15 min". */
function load(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' / ');
}

/** A measured value and whether it meets its target. */
function cell(value: string, met: boolean): string {
  return `${value} ${met ? '✅' : '❌'}`;
}

/** Issue 12's targets: one row per book, one column per target, each cell the value measured and whether it is met. */
function targetsTable(results: SizeResult[]): string[] {
  const lines = [
    '| book | PDF time ≤ 1.5× floor | PDF size ≤ 1.5× floor | peak memory < 1.5 GB | EPUB ≤ pandoc | unchanged PDF rebuild ≤ 1.5 s (500 pages) | one-edit PDF rebuild ≤ 3 s (500 pages) | dev p95 ≤ 150 ms |',
    '|:--|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of results) {
    const time = med(r.pdf) / med(r.floor);
    const size = r.ourPdfBytes / r.floorPdfBytes;
    const peak = Math.max(...r.cold.map((m) => m.peakBytes));
    const epub = r.pandoc?.length ? cell((med(r.epub) / med(r.pandoc)).toFixed(2), med(r.epub) <= med(r.pandoc)) : 'pandoc absent';
    /** A rebuild's time, judged only on 500-page books (the target's size) and shown as is on the others. */
    const rebuild = (m: Measurement | undefined, limitMs: number): string => (m ? (r.size === 500 ? cell(`${s(m.ms)} s`, m.ms <= limitMs) : `${s(m.ms)} s`) : '–');
    const p95 = r.dev ? percentile(r.dev.latencies, 95) : undefined;
    lines.push(
      `| ${r.label} | ${cell(time.toFixed(2), time <= 1.5)} | ${cell(size.toFixed(2), size <= 1.5)} | ${cell(`${(peak / GB).toFixed(2)} GB`, peak < 1.5 * GB)} | ${epub} | ${rebuild(r.pdfUnchanged, 1500)} | ${rebuild(r.pdfOneEdit, 3000)} | ${p95 === undefined ? '–' : cell(`${p95.toFixed(0)} ms`, p95 <= 150)} |`,
    );
  }
  lines.push(
    '',
    'PDF time and size are ours ÷ the floor (both whole processes; sizes of the last run\'s files); EPUB is ours ÷ pandoc; peak memory is the whole process tree\'s PSS in the cold build of both formats, the largest over the runs; the rebuilds are PDF builds over the print cache a cold build left, with nothing changed and after one chapter is edited (their targets are for 500-page books; other books show the time alone); dev p95 is the save → reload event latency below.',
  );
  return lines;
}

/** Writes the report as Markdown. */
function report(results: SizeResult[], options: Options, context: { started: Date; loadStart: string; loadEnd: string; totalMs: number; footnotes: FootnotesResult }): string {
  const books = results.map((r) => r.label);
  /** One table row's cells, a value per book. */
  const col = (f: (r: SizeResult) => string): string[] => results.map(f);
  const has = results.every((r) => r.pandoc?.length);
  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push(`Generated by \`npm run bench${options.smoke ? ' -- --smoke' : ''}\` (bench/run.ts) on ${context.started.toISOString().slice(0, 16).replace('T', ' ')} UTC; whole run ${(context.totalMs / 60000).toFixed(1)} min.`);
  lines.push(
    `Books (bench/generate-book.ts): *mixed* is the original prose, Korean and English sentences from a small vocabulary; *Korean* and *Chinese* are generated text with the character frequencies of real prose (bench/cjk-text.ts: thousands of distinct syllables or Hanzi, Zipf-distributed), the Chinese book in short chapters of ~5 pages (~200 at 1,000 pages), as real Chinese technical books are. Times are medians over each book's runs (${results.map((r) => `${r.label}: ${r.runs}`).join('; ')}; by default fewer for the biggest and the Korean and Chinese books, to keep the whole benchmark near 25 minutes on 2 cores); the cached and one-edit rebuilds, the floor variants and Ace are one run per book. Every build starts with \`dist/\` and \`.cache/\` removed and runs in a new process; times are wall clock of the whole process (Node start-up included). Memory is measured on the cold \`npm run build\` of both formats (and on pandoc) only: the peak of the whole process tree (Chromium included), sampled every 50 ms from /proc, as the sum of each process's PSS (proportional set size: shared pages divided among the processes that share them); summed RSS counts Chromium's shared pages once per process, about 3× too much, and is shown as an upper bound. Sampling reads every process's smaps_rollup and takes CPU from a 2-core machine, so the timed EPUB, PDF, pandoc and floor runs are not sampled, and the cold build's time includes that overhead. The floor is a minimal program (bench/floor.ts, bundled to plain JavaScript like our launcher's bundle) that launches Chromium, opens the book's HTML and calls page.pdf once; it is timed as a whole process like ours, and its Chromium work alone (launch + goto + page.pdf) is shown too.`,
  );
  lines.push('', '## Machine', '', '| | |', '|:--|:--|');
  for (const [k, v] of machine()) lines.push(`| ${k} | ${v} |`);
  lines.push(`| Load average at start | ${context.loadStart} |`, `| Load average at end | ${context.loadEnd} |`);
  lines.push('', 'The machine was shared with other work during the run (see the load averages): absolute times are noisy; the ratios, measured back to back on the same books, are the meaningful part.');

  lines.push('', '## Targets', '', ...targetsTable(results));
  const notes: string[] = [];
  const first = results[0];
  const sameProse = results.filter((r) => r.prose === first?.prose);
  const last = sameProse[sameProse.length - 1];
  if (first && last && first.size < last.size) {
    /** Median ms per printed page of the cold build. */
    const growth = (r: SizeResult): number => med(r.cold) / r.ourPages;
    const g = growth(last) / growth(first);
    notes.push(`No worse than linear growth, ${first.prose} books ${first.size}→${last.size} pages (cold build ms/page at ${last.size} ÷ at ${first.size}; ≤ 1.1 allows 10% noise): ${g.toFixed(2)} ${g <= 1.1 ? '✅' : '❌'}.`);
  }
  const withAce = results.filter((r) => r.ace);
  if (withAce.length) {
    const total = withAce.reduce((n, r) => n + (r.ace?.length ?? 0), 0);
    notes.push(`Ace by DAISY: ${total} violation(s) of any impact over every book's EPUB ${total === 0 ? '✅' : '❌'}.`);
  }
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));

  lines.push('', '## Books', '');
  lines.push(
    table(
      'book',
      [
        ['chapters', ...col((r) => String(r.book.chapters))],
        ['Markdown', ...col((r) => `${(r.markdownBytes / MB).toFixed(2)} MB`)],
        ['our PDF pages (pdfinfo)', ...col((r) => String(r.ourPages))],
        ['floor PDF pages (pdfinfo)', ...col((r) => String(r.floorPages))],
      ],
      books,
    ),
  );
  lines.push('', 'Our PDF has more pages than the floor: front matter (title page, contents), every chapter opening on a right-hand page (blank pages inserted) and the chapter opener space.');

  lines.push('', '## EPUB', '');
  lines.push(
    table(
      'EPUB (s)',
      [
        ['ours: `build --format epub`', ...col((r) => s(med(r.epub)))],
        ['pandoc → EPUB', ...col((r) => (r.pandoc?.length ? s(med(r.pandoc)) : 'absent'))],
        ['ours / pandoc (target ≤ 1)', ...col((r) => (r.pandoc?.length ? verdict(med(r.epub) / med(r.pandoc), 1) : '–'))],
        ['ours: manuscript stage', ...col((r) => s(r.epubStages.manuscript ?? 0))],
        ['ours: EPUB stage', ...col((r) => s(r.epubStages.EPUB ?? 0))],
        ['ours: start-up and the rest', ...col((r) => s(rest(r.epub, r.epubStages, 'EPUB')))],
        ['diagrams / formulas in the book', ...col((r) => `${r.diagrams} / ${r.formulas}`)],
        ['ours: drawing the diagrams, cold (in the manuscript stage)', ...col((r) => s(r.epubStages.diagrams ?? 0))],
        ['ours: the diagrams from the cache', ...col((r) => s(r.epubCachedStages.diagrams ?? 0))],
        ['ours: EPUB build with the cache', ...col((r) => (r.epubCached ? s(r.epubCached.ms) : '–'))],
      ],
      books,
    ),
  );
  if (!has) lines.push('', 'pandoc was not found (`command -v pandoc`): its column is skipped. Debian: `apt-get install pandoc`.');

  lines.push('', '## Accessibility: Ace by DAISY', '');
  /** One impact's count in a book's EPUB, or a dash when Ace did not run. */
  const count = (r: SizeResult, impact: AceViolation['impact']): string => (r.ace ? String(r.ace.filter((v) => v.impact === impact).length) : '–');
  lines.push(
    table(
      'violations in our EPUB',
      [
        ...impacts.map((impact): [string, ...string[]] => [impact, ...col((r) => count(r, impact))]),
        ['rules', ...col((r) => (r.ace ? ruleCounts(r.ace) || 'none' : '–'))],
      ],
      books,
    ),
  );
  lines.push('', options.smoke ? 'Not run with `--smoke`.' : 'Ace by DAISY 1.4.6 (`ace-puppeteer` on the system Chromium, test/helpers/ace.ts) on the EPUB of each book, built with the cache of a cold build: axe-core rules on every content document (contrast, labels, alt text, language, ...) and its EPUB metadata checks.');

  lines.push('', '## PDF', '');
  lines.push(
    table(
      'PDF (s)',
      [
        ['ours: `build --format pdf`', ...col((r) => s(med(r.pdf)))],
        ['floor: one page.pdf of the whole book (whole process)', ...col((r) => s(med(r.floor)))],
        ['ours / floor (target ≤ 1.5)', ...col((r) => verdict(med(r.pdf) / med(r.floor), 1.5))],
        ['floor, Chromium only (launch + goto + page.pdf)', ...col((r) => s(chromiumOnly(r.floorSteps)))],
        ['ours / floor, Chromium only (stricter)', ...col((r) => (med(r.pdf) / chromiumOnly(r.floorSteps)).toFixed(2))],
        ['ours: manuscript stage', ...col((r) => s(r.pdfStages.manuscript ?? 0))],
        ['ours: chapters printed (launch + print, 2 tabs)', ...col((r) => s(r.pdfStages['PDF chapters printed'] ?? 0))],
        ['ours: front matter + pdf-lib assembly + save', ...col((r) => s((r.pdfStages['PDF render total'] ?? 0) - (r.pdfStages['PDF chapters printed'] ?? 0)))],
        ['ours: PDF stage (incl. loading puppeteer, closing Chromium)', ...col((r) => s(r.pdfStages.PDF ?? 0))],
        ['ours: start-up and the rest', ...col((r) => s(rest(r.pdf, r.pdfStages, 'PDF')))],
        ['PDF file size: ours / floor (MB)', ...col((r) => `${(r.ourPdfBytes / MB).toFixed(2)} / ${(r.floorPdfBytes / MB).toFixed(2)}`)],
        ['PDF size ours / floor (target ≤ 1.5)', ...col((r) => verdict(r.ourPdfBytes / r.floorPdfBytes, 1.5))],
        ['ours, print cache: nothing changed (target ≤ 1.5 s at 500 pages)', ...col((r) => (r.pdfUnchanged ? s(r.pdfUnchanged.ms) : '–'))],
        ['ours, print cache: one chapter edited (target ≤ 3 s at 500 pages)', ...col((r) => (r.pdfOneEdit ? s(r.pdfOneEdit.ms) : '–'))],
        ['floor: Chromium launch', ...col((r) => s(r.floorSteps.launch ?? 0))],
        ['floor: goto (load + layout)', ...col((r) => s(r.floorSteps.goto ?? 0))],
        ['floor: page.pdf', ...col((r) => s(r.floorSteps.pdf ?? 0))],
        ['floor untagged (1 run; the floor above is tagged like ours)', ...col((r) => (r.floorUntagged ? s(r.floorUntagged.ms) : '–'))],
        ["floor of the tool's prepared chapter HTML (1 run, one document)", ...col((r) => (r.floorPrepared ? `${s(r.floorPrepared.ms)} (${r.floorPreparedPages} pages)` : '–'))],
        ['ours / prepared floor', ...col((r) => (r.floorPrepared ? (med(r.pdf) / r.floorPrepared.ms).toFixed(2) : '–'))],
      ],
      books,
    ),
  );
  lines.push('', 'The floor prints with the same `page.pdf` options as the tool (`preferCSSPageSize`, `tagged`, `printBackground`), the same shared CSS (web fonts, page geometry, print.css) and the same chapter trees, as one HTML document: no running heads, no measuring, no front matter, no assembly.');

  lines.push('', '## Both formats, cold', '');
  lines.push(
    table(
      '`npm run build -- DIR` (both formats)',
      [
        ['wall time (s)', ...col((r) => s(med(r.cold)))],
        ['peak memory (PSS), max over runs', ...col((r) => mb(r.cold, 'peakBytes'))],
        ['peak memory (PSS) of pandoc', ...col((r) => (r.pandoc?.length ? mb(r.pandoc, 'peakBytes') : '–'))],
        ['summed RSS (upper bound), cold build', ...col((r) => mb(r.cold, 'peakRssBytes'))],
        ['under 1.5 GB', ...col((r) => (Math.max(...r.cold.map((m) => m.peakBytes)) < 1.5 * GB ? '✅' : '❌'))],
      ],
      books,
    ),
  );

  lines.push('', '## Growth: ms per printed page', '');
  /** Median ms per printed page, formatted. */
  const perPage = (r: SizeResult, m: Measurement[] | undefined): string => (m?.length ? (med(m) / r.ourPages).toFixed(1) : '–');
  lines.push(
    table(
      'ms / page (our PDF page count)',
      [
        ['EPUB build', ...col((r) => perPage(r, r.epub))],
        ['PDF build', ...col((r) => perPage(r, r.pdf))],
        ['cold build, both', ...col((r) => perPage(r, r.cold))],
        ['pandoc EPUB', ...col((r) => perPage(r, r.pandoc))],
        ['PDF floor (per floor page)', ...col((r) => (med(r.floor) / r.floorPages).toFixed(1))],
      ],
      books,
    ),
  );
  lines.push('', 'Linear growth shows as a flat or falling row (fixed start-up costs spread over more pages); a rising row means cost grows faster than the book.');

  const withDev = results.filter((r) => r.dev);
  lines.push('', '## Dev mode: save-to-reload latency', '');
  if (withDev.length) {
    lines.push(`On every book, ${options.devEdits} edits of one chapter (the middle one), 250 ms apart; from the file write to the \`reload\` event on the server's event stream, and the rebuild alone as the server timed it.`, '');
    lines.push('| book | chapters | save → reload p50 | p95 (target ≤ 150 ms) | max | rebuild alone p50 | p95 |', '|:--|--:|--:|--:|--:|--:|--:|');
    for (const r of withDev) {
      const { latencies, builds } = r.dev as DevLatency;
      /** A percentile in whole ms. */
      const p = (values: number[], q: number): string => `${percentile(values, q).toFixed(0)} ms`;
      lines.push(`| ${r.label} | ${r.book.chapters} | ${p(latencies, 50)} | ${p(latencies, 95)} | ${Math.max(...latencies).toFixed(0)} ms | ${p(builds, 50)} | ${p(builds, 95)} |`);
    }
  } else lines.push('Not measured in this run (`--dev-edits 0`).');

  lines.push('', ...footnotesSection(context.footnotes));

  // What was tried is history, kept by hand next to this script; the tables above are this run's.
  lines.push('', readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'what-we-tried.md'), 'utf8').trim(), '');
  return lines.join('\n');
}

/**
 * `--book DIR`: our builds of an author's book against the floor (PDF) and pandoc (EPUB), on a copy
 * of it (nothing is written into the author's folder), ending with one line of ratios.
 */
async function benchBook(target: string, runs: number, pandoc: boolean, floorScript: string): Promise<void> {
  const given = path.resolve(target);
  if (!existsSync(given)) throw new Error(`--book: ${target} does not exist`);
  const isFile = statSync(given).isFile();
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-book-'));
  const copy = path.join(work, 'book');
  // The author's outputs, caches and repository history are not part of the book.
  cpSync(isFile ? path.dirname(given) : given, copy, { recursive: true, filter: (file) => !/(^|\/)(dist|\.cache|\.git|node_modules)$/.test(file) });
  const book = isFile ? path.join(copy, path.basename(given)) : copy;
  try {
    const diagnostics = new Diagnostics();
    const config = loadConfig(book, diagnostics);
    const { layout } = config;
    const files = listSources(layout.chaptersDir, config.chapters, layout.metadataFile, layout.kind === 'file').sources.map((s) => s.file);
    say(`${target}: ${layout.description}, ${files.length} chapter file(s), ${runs} run(s)`);
    const cleanOutputs = (): void => {
      for (const dir of [layout.distDir, layout.cacheDir]) rmSync(dir, { recursive: true, force: true });
    };
    const floorInput = await prepareFloor(book, path.join(work, 'floor'));
    const floorPdf = path.join(work, 'floor.pdf');
    const cli = ['scripts/cli/launch.mjs', 'build', book];
    const epub: Measurement[] = [];
    const pdf: Measurement[] = [];
    const floor: Measurement[] = [];
    const pandocRuns: Measurement[] = [];
    for (let run = 1; run <= runs; run++) {
      say(` run ${run}/${runs}`);
      cleanOutputs();
      epub.push(await checked('EPUB build', process.execPath, [...cli, '--format', 'epub']));
      // Once, untimed: the EPUB is removed before the next build.
      if (run === runs) await checkAccessibility(path.join(layout.distDir, `${config.output}.epub`));
      cleanOutputs();
      pdf.push(await checked('PDF build', process.execPath, [...cli, '--format', 'pdf']));
      rmSync(floorPdf, { force: true });
      floor.push(await checked('PDF floor', process.execPath, [floorScript, floorInput.html, floorPdf]));
      if (pandoc) {
        const out = path.join(work, 'pandoc.epub');
        rmSync(out, { force: true });
        pandocRuns.push(
          await checked('pandoc EPUB', 'pandoc', ['-o', out, `--resource-path=${layout.chaptersDir}`, '--metadata', `title=${config.title}`, '--metadata', `lang=${config.language}`, ...files], layout.chaptersDir),
        );
      }
    }
    const ours = path.join(layout.distDir, `${config.output}.pdf`);
    const sizeRatio = statSync(ours).size / statSync(floorPdf).size;
    say(`PDF: ours ${s(med(pdf))} s, ${pdfPages(ours)} pages, ${(statSync(ours).size / MB).toFixed(2)} MB; floor ${s(med(floor))} s, ${pdfPages(floorPdf)} pages, ${(statSync(floorPdf).size / MB).toFixed(2)} MB`);
    say(`EPUB: ours ${s(med(epub))} s${pandoc ? `; pandoc ${s(med(pandocRuns))} s` : '; pandoc absent'}`);
    process.stdout.write(`PDF ours/floor ${(med(pdf) / med(floor)).toFixed(2)}; size ours/floor ${sizeRatio.toFixed(2)}; EPUB ours/pandoc ${pandoc ? (med(epub) / med(pandocRuns)).toFixed(2) : 'n/a'}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the benchmark and writes the report. */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const t0 = performance.now();
  const loadStart = load();
  const pandoc = hasCommand('pandoc');
  const books = options.book ? options.book : options.books.map((b) => `${b.prose}:${b.pages} ×${b.runs}`).join(', ');
  say(`books ${books}; load ${loadStart}${pandoc ? '' : '; pandoc absent: skipped'}`);
  const results: SizeResult[] = [];
  // Inside the repository, so that the bundle finds its packages in node_modules.
  const floorScript = await bundleFloor(path.join(repo, 'node_modules', '.cache', 'markdown-book-bench'));
  if (options.book) {
    await benchBook(options.book, options.bookRuns, pandoc, floorScript);
    return;
  }
  for (const spec of options.books) results.push(await benchSize(spec, options, pandoc, floorScript));
  say('footnotes at the page foot against footnotes: end');
  const footnotes = await benchFootnotes(repo, options.smoke ? 1 : 3, say);
  const markdown = report(results, options, { started, loadStart, loadEnd: load(), totalMs: performance.now() - t0, footnotes });
  writeFileSync(options.out, `${markdown}\n`);
  say(`wrote ${options.out} in ${((performance.now() - t0) / 60000).toFixed(1)} min`);
}

await main();
