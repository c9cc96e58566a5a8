/** The sample book (manuscript/ of this repository) built to PDF through the real CLI. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { copySampleBook, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { pdfChecks, type BuiltBook } from './helpers/pdf-checks.js';

describe('PDF of the sample book', () => {
  let built: BuiltBook;
  let run: CliResult;

  before(async () => {
    const dir = copySampleBook();
    run = await runCli(['build', dir, '--format', 'pdf']);
    assert.equal(run.code, 0, run.stderr);
    const pdf = path.join(dir, 'dist', 'docker-book.pdf');
    const preflight = JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.preflight.json'), 'utf8')) as Preflight;
    const titles = [...readFileSync(path.join(dir, 'manuscript', '01-getting-started.md'), 'utf8').matchAll(/^# (.+)$/gm)].map((m) => m[1] as string);
    built = {
      pdf,
      preflight,
      bookTitle: '도커(Docker)를 익히다.',
      chapterTitles: titles,
      tocLabel: '차례',
      roman: true,
      trim: [152, 225],
      bleed: 0,
      margins: { top: 20, bottom: 22 },
    };
  });
  after(removeTempDirs);

  pdfChecks(() => built);

  it('says which Chromium it used and writes the preflight report', () => {
    assert.match(run.stderr, /PDF: using Chromium at \S+ \((system|BOOK_CHROMIUM|PUPPETEER_EXECUTABLE_PATH|puppeteer's download)\)/);
    assert.match(run.stderr, /PDF preflight: \d+ pages, 신국판 152×225 mm, no bleed/);
    assert.ok(existsSync(built.pdf.replace(/\.pdf$/, '.preflight.json')));
    assert.equal(built.preflight.pages > 4, true);
  });

  it('numbers the front matter in roman numerals and the body from 1', () => {
    assert.equal(built.preflight.frontMatterPages % 2, 0);
    assert.equal(built.preflight.chapterStarts[0]?.folio, '1');
    assert.equal(built.preflight.chapterStarts[0]?.page, built.preflight.frontMatterPages + 1);
  });
});
