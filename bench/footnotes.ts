/**
 * What footnotes at the page foot cost: the Korean fixture book with 36 notes
 * (test/fixtures/footnotes-ko) printed with `footnotes: page` (the default, paginated in the page
 * by outputs/pdf/page-notes.ts) and with `footnotes: end`, alternately, without the print cache.
 * The stage compared is "PDF chapters printed" from `--timings`: the same Chromium launch and font
 * loads are in both, so the difference is the pagination.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measure, median } from './measure.js';

/** Medians of the chapters' print stage (ms) in both settings, and the runs behind them. */
export interface FootnotesResult {
  runs: number;
  pageMs: number;
  endMs: number;
  pages: { page: number; end: number };
}

/** Builds the fixture `runs` times in each setting (alternating) and returns the print stage's medians. */
export async function benchFootnotes(repo: string, runs: number, say: (line: string) => void): Promise<FootnotesResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-footnotes-'));
  try {
    const books = { page: path.join(work, 'page'), end: path.join(work, 'end') };
    for (const [setting, dir] of Object.entries(books)) {
      cpSync(path.join(repo, 'test', 'fixtures', 'footnotes-ko'), dir, { recursive: true });
      const yaml = path.join(dir, 'manuscript', 'book.yaml');
      writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}footnotes: ${setting}\n`);
    }
    const times: Record<'page' | 'end', number[]> = { page: [], end: [] };
    const pages = { page: 0, end: 0 };
    for (let run = 1; run <= runs; run++) {
      for (const setting of ['page', 'end'] as const) {
        const timings = path.join(work, `timings-${setting}.json`);
        const m = await measure(process.execPath, ['scripts/cli/launch.mjs', 'build', books[setting], '--format', 'pdf', '--no-cache', '--quiet', '--timings', timings], { cwd: repo });
        if (m.code !== 0) throw new Error(`footnotes (${setting}) build failed:\n${m.stderr.slice(-2000)}`);
        const stages = JSON.parse(readFileSync(timings, 'utf8')) as { stage: string; ms: number }[];
        const printed = stages.find((s) => s.stage === 'PDF chapters printed')?.ms ?? Number.NaN;
        times[setting].push(printed);
        const preflight = JSON.parse(readFileSync(path.join(books[setting], 'dist', 'footnotes-ko.preflight.json'), 'utf8')) as { pages: number };
        pages[setting] = preflight.pages;
        say(`  footnotes: ${setting}, run ${run}/${runs}: chapters printed in ${(printed / 1000).toFixed(2)} s`);
      }
    }
    return { runs, pageMs: median(times.page), endMs: median(times.end), pages };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The benchmark report's section on footnotes. */
export function footnotesSection(result: FootnotesResult): string[] {
  const ratio = result.pageMs / result.endMs;
  return [
    '## Footnotes at the page foot',
    '',
    `test/fixtures/footnotes-ko (3 Korean chapters, 36 notes, 4 long ones), printed without the print cache, median of ${result.runs} run(s) each, alternating. The stage is "PDF chapters printed" (--timings): Chromium's launch and font loads are in both.`,
    '',
    '| | `footnotes: end` | `footnotes: page` | page / end (target ≤ 2) |',
    '|:--|--:|--:|--:|',
    `| chapters printed (s) | ${(result.endMs / 1000).toFixed(2)} | ${(result.pageMs / 1000).toFixed(2)} | ${ratio.toFixed(2)} ${ratio <= 2 ? '✅' : '❌'} |`,
    `| PDF pages | ${result.pages.end} | ${result.pages.page} | |`,
  ];
}
