/**
 * A book's own stylesheets: they come after the built-in ones, and the fonts they name from
 * assets/ go into the EPUB next to the stylesheet and into the PDF as embedded subsets.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyFixture, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { openEpub } from './helpers/epub.js';
import { epubcheck, formatMessages } from './helpers/epubcheck.js';
import { pdffonts, pdfinfo } from './helpers/poppler.js';

describe('custom-font/: stylesheets of the book’s own with a font from assets/', () => {
  let dir: string;
  let run: CliResult;
  before(async () => {
    dir = copyFixture('custom-font');
    run = await runCli(['build', dir]);
    assert.equal(run.code, 0, run.stderr);
  });
  after(removeTempDirs);

  it('should pass EPUBCheck with the font in the manifest, named from the stylesheet', async () => {
    const epub = path.join(dir, 'dist', 'custom-font.epub');
    const result = await epubcheck(epub);
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], formatMessages(result.messages));
    const book = await openEpub(epub);
    const font = [...book.manifest.values()].find((i) => i.mediaType === 'font/woff2');
    assert.ok(font, 'no font/woff2 in the manifest');
    const css = (book.entries.get(book.entryName('style.css')) as Buffer).toString('utf8');
    assert.ok(css.includes(`url("${font.href}")`), 'style.css does not point at the packed font');
    assert.ok(css.indexOf('word-break: keep-all') < css.indexOf('"Book Face"'), 'the built-in rules come first, the book’s after them');
  });

  it('should embed the font in the PDF, without Type 3, and keep the built-in front matter layout', () => {
    const pdf = path.join(dir, 'dist', 'custom-font.pdf');
    const fonts = pdffonts(pdf);
    assert.ok(fonts.some((f) => /\+NotoNaskhArabic-Regular$/.test(f.name)), fonts.map((f) => f.name).join(', '));
    assert.ok(fonts.every((f) => f.type !== 'Type 3' && f.embedded));
    // Title page, copyright page, contents, a blank page, the chapter: the page breaks come from the built-in print.css.
    assert.equal(pdfinfo(pdf).fields.get('Pages'), '5');
  });
});
