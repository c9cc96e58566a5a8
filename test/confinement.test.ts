/**
 * A book may only read its own files. The real CLI builds small books whose images lead out of the
 * book folder (a symbolic link, a relative path, a file: URL inside inline SVG or an inline style),
 * and the tests check that each is reported at its place and that no outside image reaches the
 * EPUB or, looked for with poppler's pdfimages, the PDF.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it, test } from 'node:test';
import { loadStylesheet } from '../scripts/assets/stylesheet.js';
import { loadConfig } from '../scripts/config/load.js';
import { Diagnostics, severityOf } from '../scripts/diagnostics.js';
import { mayLoad } from '../scripts/outputs/pdf/confine.js';
import { diagnosticLines, listFiles, mapLimit, removeTempDirs, runCli, tempDir, type CliResult } from './helpers/cli.js';
import { readEpub } from './helpers/epub.js';
import { solidPng } from './helpers/png.js';

/** Images outside every book: each test book tries to reach them. */
const outsidePng = solidPng(7, 5, [200, 30, 30]);
const outsideStylePng = solidPng(9, 3, [30, 200, 30]);
const outsideSvg = '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="#123456"/></svg>';

const metadata = 'title: Confined\nauthor: Test Author\nlanguage: en\nidentifier: urn:uuid:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b\n';

/** A book folder `name` in `base` with one chapter `text` and its metadata. */
function writeBook(base: string, name: string, text: string): string {
  const dir = path.join(base, name);
  fs.mkdirSync(path.join(dir, 'manuscript'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'manuscript', 'book.yaml'), metadata);
  fs.writeFileSync(path.join(dir, 'manuscript', 'chapter.md'), text);
  return dir;
}

/** The 1-based line of `chapter.md` in `dir` that holds `needle`. */
function lineIn(dir: string, needle: string): number {
  const index = fs.readFileSync(path.join(dir, 'manuscript', 'chapter.md'), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  assert.notEqual(index, -1, `${needle} is not in the chapter`);
  return index + 1;
}

/** The diagnostic of chapter.md at `line` whose message matches `pattern`. */
function diagnosticAt(stderr: string, line: number, pattern: RegExp) {
  return diagnosticLines(stderr).find((d) => d.file === path.join('manuscript', 'chapter.md') && d.line === line && pattern.test(d.message));
}

/** The images of a PDF, one `pdfimages -list` row each (width and height). */
function pdfImages(file: string): { width: number; height: number }[] {
  const rows = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
  return rows.map((row) => {
    const cells = row.trim().split(/\s+/);
    return { width: Number(cells[3]), height: Number(cells[4]) };
  });
}

describe('a book that reaches for files outside its folder', () => {
  let base: string;
  const books: Record<'symlink' | 'escape' | 'fileUrl', { dir: string; result: CliResult }> = {} as never;

  before(async () => {
    base = tempDir('confine-');
    const outside = path.join(base, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'outside.png'), outsidePng);
    fs.writeFileSync(path.join(outside, 'outside-style.png'), outsideStylePng);
    fs.writeFileSync(path.join(outside, 'outside.svg'), outsideSvg);
    // `../../outside.png` from manuscript/chapter.md: next to the book folders.
    fs.writeFileSync(path.join(base, 'outside.png'), outsidePng);

    const symlink = writeBook(base, 'symlink', '# Linked\n\n![linked](pic.svg)\n\n<svg width="40" height="40"><image href="linked.png" width="40" height="40"/></svg>\n');
    fs.symlinkSync(path.join(outside, 'outside.svg'), path.join(symlink, 'manuscript', 'pic.svg'));
    fs.symlinkSync(path.join(outside, 'outside.png'), path.join(symlink, 'manuscript', 'linked.png'));
    const escape = writeBook(base, 'escape', '# Escape\n\nA drawing:\n\n<svg width="40" height="40"><image href="../../outside.png" width="40" height="40"/></svg>\n');
    const png = pathToFileURL(path.join(outside, 'outside.png')).href;
    const stylePng = pathToFileURL(path.join(outside, 'outside-style.png')).href;
    const fileUrl = writeBook(
      base,
      'file-url',
      `# File URLs\n\n<svg width="40" height="40" viewBox="0 0 40 40"><image xlink:href="${png}" width="40" height="40"/></svg>\n\n` +
        `<p style="background-image: url(${stylePng}); padding: 2em">styled</p>\n\n<p style="background-image: url(${stylePng}); padding: 2em">styled again</p>\n`,
    );
    const dirs = { symlink, escape, fileUrl };
    await mapLimit(Object.keys(dirs) as (keyof typeof dirs)[], 2, async (name) => {
      books[name] = { dir: dirs[name], result: await runCli(['build', dirs[name]]) };
    });
  });
  after(removeTempDirs);

  it('should refuse an image that is a symbolic link to a file outside the book, in <img> and in SVG, and write nothing', () => {
    const { dir, result } = books.symlink;
    assert.notEqual(result.code, 0, result.stderr);
    const img = diagnosticAt(result.stderr, lineIn(dir, '![linked]'), /pic\.svg.*outside the book folder/);
    const svg = diagnosticAt(result.stderr, lineIn(dir, '<image'), /linked\.png.*outside the book folder/);
    assert.equal(img?.severity, 'error', result.stderr);
    assert.equal(svg?.severity, 'error', result.stderr);
    assert.deepEqual(listFiles(path.join(dir, 'dist')), []);
  });

  it('should refuse an SVG <image> whose path leaves the book, at its line, and write nothing', () => {
    const { dir, result } = books.escape;
    assert.notEqual(result.code, 0, result.stderr);
    const found = diagnosticAt(result.stderr, lineIn(dir, '<image'), /"\.\.\/\.\.\/outside\.png": the path leaves the book folder/);
    assert.equal(found?.severity, 'error', result.stderr);
    assert.deepEqual(listFiles(path.join(dir, 'dist')), []);
  });

  it('should report an SVG <image> with a file: URL at its line and draw nothing in its place', () => {
    const { dir, result } = books.fileUrl;
    assert.equal(result.code, 0, result.stderr);
    const found = diagnosticAt(result.stderr, lineIn(dir, '<image'), /file:.*outside\.png" left out: only local files and http\(s\) addresses/);
    assert.equal(found?.severity, 'warning', result.stderr);
  });

  it('should keep both outside images out of the EPUB', async () => {
    const entries = await readEpub(path.join(books.fileUrl.dir, 'dist', 'file-url.epub'));
    for (const [name, data] of entries) {
      assert.ok(!data.equals(outsidePng) && !data.equals(outsideStylePng), `${name} is an outside image`);
    }
    const chapter = (entries.get('OEBPS/ch01.xhtml') as Buffer).toString('utf8');
    assert.match(chapter, /<image width="40" height="40">/);
    assert.doesNotMatch(chapter, /<image[^>]*href/);
  });

  it('should keep both outside images out of the PDF, reporting the refused load once', () => {
    const { dir, result } = books.fileUrl;
    assert.deepEqual(pdfImages(path.join(dir, 'dist', 'file-url.pdf')), []);
    const refusals = result.stderr.split('\n').filter((l) => l.includes('did not load') && l.includes('outside-style.png'));
    assert.equal(refusals.length, 1, result.stderr);
    assert.match(refusals[0] as string, /^manuscript\/chapter\.md: warning: PDF: did not load file:\/\/\/.*outside-style\.png/);
    assert.doesNotMatch(result.stderr, /ERR_BLOCKED_BY_CLIENT/);
  });
});

describe('outputs/pdf/confine.ts', () => {
  test('should let a print page read data: URLs and files inside the allowed folders only', () => {
    const base = tempDir('confine-unit-');
    const book = path.join(base, 'book');
    fs.mkdirSync(path.join(book, 'images'), { recursive: true });
    fs.writeFileSync(path.join(base, 'secret.png'), outsidePng);
    fs.symlinkSync(path.join(base, 'secret.png'), path.join(book, 'images', 'link.png'));
    const url = (file: string): string => pathToFileURL(file).href;
    assert.equal(mayLoad('data:image/png;base64,AA==', [book]), true);
    assert.equal(mayLoad(url(path.join(book, 'images', 'a.png')), [book]), true);
    assert.equal(mayLoad(url(path.join(book, 'images', 'a.png')), [path.join(base, 'other'), book]), true);
    assert.equal(mayLoad(url(path.join(base, 'secret.png')), [book]), false);
    assert.equal(mayLoad(url(path.join(book, 'images', 'link.png')), [book]), false);
    assert.equal(mayLoad(url(path.join(book, '..', 'secret.png')), [book]), false);
    assert.equal(mayLoad('file://server/share/a.png', [book]), false);
    assert.equal(mayLoad('https://example.com/a.png', [book]), false);
    assert.equal(mayLoad('blob:null/1234', [book]), false);
  });
});

describe('assets/stylesheet.ts', () => {
  test('should leave out a file: URL and refuse a linked file outside the book, each at its line', () => {
    const base = tempDir('confine-css-');
    const book = writeBook(base, 'book', '# A\n');
    fs.mkdirSync(path.join(book, 'styles'));
    fs.writeFileSync(path.join(base, 'outside.png'), outsidePng);
    fs.symlinkSync(path.join(base, 'outside.png'), path.join(book, 'styles', 'bg.png'));
    fs.writeFileSync(path.join(book, 'styles', 'print.css'), `a { background: url(${pathToFileURL(path.join(base, 'outside.png')).href}); }\nb { background: url(bg.png); }\n`);
    const diagnostics = new Diagnostics();
    const { css, assets } = loadStylesheet(loadConfig(book, new Diagnostics()), 'print.css', diagnostics);
    assert.deepEqual(
      diagnostics.list.map((d) => [severityOf(d), d.file, d.line, d.reason.replace(/\(file:[^)]*\)/, '(file:…)')]),
      [
        ['warning', path.join('styles', 'print.css'), 1, 'url(file:…): only files of the book, data: and http(s) addresses can be used; left out'],
        ['error', path.join('styles', 'print.css'), 2, 'url(bg.png) leaves the book folder, so it is not read'],
      ],
    );
    assert.ok(css.includes('a { background: none; }\nb { background: none; }'), css);
    assert.deepEqual(assets, []);
  });
});
