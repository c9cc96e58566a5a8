/**
 * A generated book of 100+ pages with bleed, arabic numbers throughout, a 1,500-character code
 * line, a wide table, footnotes, an image and links between chapters, built through the real CLI.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { removeTempDirs, runCli, tempDir } from './helpers/cli.js';
import { bookTitle, chapterTitles, writeFixtureBook } from './helpers/pdf-fixture-book.js';
import { normalizedPdf, pageText, pdfinfo, squash, wordBoxes } from './helpers/poppler.js';
import { pdfChecks, type BuiltBook } from './helpers/pdf-checks.js';

const PT = 72 / 25.4;

describe('PDF of a generated 100+ page book with bleed', () => {
  let built: BuiltBook;

  before(async () => {
    const dir = tempDir('pdf-fixture-');
    writeFixtureBook(dir);
    const run = await runCli(['build', dir, '--format', 'pdf']);
    assert.equal(run.code, 0, run.stderr);
    const pdf = path.join(dir, 'dist', 'fixture.pdf');
    built = {
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
  });
  after(removeTempDirs);

  pdfChecks(() => built);

  it('has the same content, object for object, when the same book is built again elsewhere', async () => {
    const again = tempDir('pdf-fixture-again-');
    writeFixtureBook(again);
    const run = await runCli(['build', again, '--format', 'pdf']);
    assert.equal(run.code, 0, run.stderr);
    // Compared uncompressed: under heavy load Chromium sometimes deflates the same page content
    // into different bytes, which no reader or print shop can see.
    assert.equal(normalizedPdf(path.join(again, 'dist', 'fixture.pdf')), normalizedPdf(built.pdf));
  });

  it('has more than 100 pages', () => {
    assert.ok(built.preflight.pages > 100, `${built.preflight.pages} pages`);
    assert.equal(pdfinfo(built.pdf).fields.get('Pages'), String(built.preflight.pages));
  });

  it('keeps every word inside the trim box and the text block, the long code line and wide table included', () => {
    const { boxes } = pdfinfo(built.pdf);
    const media = boxes.get('MediaBox');
    assert.ok(media);
    const bleed = built.bleed * PT;
    // Horizontal limits of the text block on either page side: the narrower (outer) margin.
    const left = bleed + 15 * PT - 1;
    const right = bleed + (built.trim[0] - 15) * PT + 1;
    const words = wordBoxes(built.pdf);
    assert.ok(words.length > 10_000);
    const outside = words.filter((w) => w.xMin < left || w.xMax > right || w.yMin < bleed || w.yMax > bleed + built.trim[1] * PT);
    assert.deepEqual(outside.slice(0, 5), []);
    const codePage = words.find((w) => w.word.includes('arg149'))?.page;
    assert.ok(codePage, 'the end of the 1,500-character line is printed');
    // Narrow columns break the header words: count the first fragments, one per column.
    const headers = words.filter((w) => w.page === codePage + 1 || w.page === codePage).filter((w) => w.word === 'Colu');
    assert.ok(headers.length >= 14, `${headers.length} table columns printed`);
  });

  it('marks wrapped code lines, and reports the shrunk table and the low-resolution image', () => {
    assert.deepEqual(built.preflight.overflows, []);
    assert.ok(built.preflight.shrunk.some((s) => /14 columns/.test(s.detail)));
    const image = built.preflight.lowResolutionImages.find((i) => i.image.endsWith('diagram.png'));
    assert.ok(image && image.dpi < 300, JSON.stringify(built.preflight.lowResolutionImages));
    assert.equal(built.preflight.bleedMm, 3);
    assert.equal(built.preflight.cropMarks, true);
  });

  it('puts footnotes at the end of their chapter', () => {
    const start = built.preflight.chapterStarts[0]?.page ?? 1;
    const end = (built.preflight.chapterStarts[1]?.page ?? 2) - 1;
    const text = Array.from({ length: end - start + 1 }, (_, i) => pageText(built.pdf, start + i)).join('\n');
    assert.ok(squash(text).includes(squash('장 1의 각주입니다.')));
  });
});
