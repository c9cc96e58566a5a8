/**
 * Front matter in the EPUB: a title page and a copyright page made from book.yaml (a Korean book
 * with a translator, two editors, a series, an edition, an ISBN and a rights line), in the spine
 * after the cover and in the landmarks; and a copy of the book whose own copyright page (front
 * matter `role: copyright`) takes the generated one's place.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ace, formatViolations, type AceViolation } from './helpers/ace.js';
import { copyFixture, diagnosticLines, removeTempDirs, runCli, sha256, type CliResult } from './helpers/cli.js';
import { flattenToc, navElement, navTree, openEpub, type OpenedEpub } from './helpers/epub.js';
import { epubcheck, formatMessages, type EpubcheckResult } from './helpers/epubcheck.js';
import { pageText, squash } from './helpers/poppler.js';
import { attr, elements, NS, text } from './helpers/xml.js';

/** One build of a copy of the fixture, and what the checkers said of its EPUB. */
interface Built {
  dir: string;
  run: CliResult;
  epub: string;
  book: OpenedEpub;
  check: EpubcheckResult;
  violations: AceViolation[];
}

/** Builds a copy of the fixture (changed by `prepare`) and checks its EPUB with EPUBCheck and Ace. */
async function build(args: string[], prepare: (dir: string) => void = () => {}): Promise<Built> {
  const dir = copyFixture('epub-front-matter');
  prepare(dir);
  const run = await runCli(['build', dir, ...args]);
  assert.equal(run.code, 0, run.stderr);
  const epub = path.join(dir, 'dist', 'epub-front-matter.epub');
  const [book, check, violations] = await Promise.all([openEpub(epub), epubcheck(epub), ace(epub)]);
  return { dir, run, epub, book, check, violations };
}

/** The book's own copyright page, and a file whose role names no page. */
function addOwnPages(dir: string): void {
  const manuscript = path.join(dir, 'manuscript');
  fs.writeFileSync(path.join(manuscript, '00-copyright.md'), '---\nrole: copyright\n---\n\n이 책의 판권은 저자에게 있습니다. 무단 복제를 금합니다.\n');
  fs.writeFileSync(path.join(manuscript, '03-notes.md'), '---\ntitle: 덧붙임\nrole: appendix\n---\n\n더 읽을거리.\n');
}

/** The hrefs of the spine, in order. */
function spineHrefs(book: OpenedEpub): string[] {
  return book.spine.map((idref) => book.manifest.get(idref)?.href ?? `(no item ${idref})`);
}

/** The landmarks as [epub:type, href, label]. */
function landmarks(book: OpenedEpub): string[][] {
  const nav = navElement(book.parse('toc.xhtml'), 'landmarks');
  assert.ok(nav, 'no landmarks nav');
  return elements(nav, NS.xhtml, 'a').map((a) => [attr(a, 'type', NS.epub), attr(a, 'href'), text(a)]);
}

/** The OPF guide as [type, href]. */
function guide(book: OpenedEpub): string[][] {
  return elements(book.opf, NS.opf, 'reference').map((r) => [attr(r, 'type'), attr(r, 'href')]);
}

/** The epub:type of a document's body and of its first section. */
function types(book: OpenedEpub, href: string): string[] {
  const doc = book.parse(href);
  return [attr(elements(doc, NS.xhtml, 'body')[0] as Element, 'type', NS.epub), attr(elements(doc, NS.xhtml, 'section')[0] as Element, 'type', NS.epub)];
}

/** The nav's table of contents, flattened. */
function contents(book: OpenedEpub): string[] {
  const toc = navElement(book.parse('toc.xhtml'), 'toc');
  assert.ok(toc, 'no toc nav');
  return flattenToc(navTree(elements(toc, NS.xhtml, 'ol')[0] as Element));
}

describe('epub-front-matter/: title page and copyright page from the metadata', () => {
  let built: Built;
  let again: string;
  before(async () => {
    const second = copyFixture('epub-front-matter');
    let run: CliResult;
    // Both builds print the book too: the EPUB's page-list comes from the print pages.
    [built, run] = await Promise.all([build([]), runCli(['build', second])]);
    assert.equal(run.code, 0, run.stderr);
    again = path.join(second, 'dist', 'epub-front-matter.epub');
  });
  after(removeTempDirs);

  it('should pass EPUBCheck with no fatal error, error or warning', () => {
    assert.deepEqual([built.check.fatals, built.check.errors, built.check.warnings], [0, 0, 0], formatMessages(built.check.messages));
  });

  it('should pass Ace with no violation of any impact', () => {
    assert.deepEqual(built.violations, [], formatViolations(built.violations));
  });

  it('should put the title page and the copyright page after the cover, before the contents and the chapters', () => {
    assert.deepEqual(spineHrefs(built.book), ['cover.xhtml', 'titlepage.xhtml', 'copyright.xhtml', 'toc.xhtml', 'ch01.xhtml', 'ch02.xhtml']);
  });

  it('should name both pages in the landmarks and the guide, and mark them as front matter', () => {
    assert.deepEqual(landmarks(built.book), [
      ['cover', 'cover.xhtml', '표지'],
      ['titlepage', 'titlepage.xhtml', '속표지'],
      ['copyright-page', 'copyright.xhtml', '판권'],
      ['toc', 'toc.xhtml', '차례'],
      ['bodymatter', 'ch01.xhtml', '본문 시작'],
    ]);
    assert.deepEqual(guide(built.book), [
      ['cover', 'cover.xhtml'],
      ['title-page', 'titlepage.xhtml'],
      ['copyright-page', 'copyright.xhtml'],
      ['toc', 'toc.xhtml'],
      ['text', 'ch01.xhtml'],
    ]);
    assert.deepEqual(types(built.book, 'titlepage.xhtml'), ['frontmatter', 'titlepage']);
    assert.deepEqual(types(built.book, 'copyright.xhtml'), ['frontmatter', 'copyright-page']);
  });

  it('should leave the front pages out of the table of contents', () => {
    assert.deepEqual(contents(built.book), ['0 시작하며 -> ch01.xhtml', '0 컨테이너 실행 -> ch02.xhtml']);
  });

  it('should set the title page: title, subtitle, author, contributors with their roles in Korean, publisher', () => {
    const lines = elements(built.book.parse('titlepage.xhtml'), NS.xhtml, 'section')
      .flatMap((s) => [...s.childNodes])
      .map((n) => text(n));
    assert.deepEqual(lines, ['컨테이너 첫걸음', '도커로 시작하는 배포', '주길재', '옮긴이 홍길동', '편집 김철수, 이영희', '책마을']);
  });

  it('should print rights, publisher, edition, date, ISBN, series and credits on the copyright page', () => {
    const doc = built.book.parse('copyright.xhtml');
    const terms = elements(doc, NS.xhtml, 'dt').map((dt, i) => [text(dt), text(elements(doc, NS.xhtml, 'dd')[i] as Element)]);
    assert.deepEqual(terms, [
      ['지은이', '주길재'],
      ['옮긴이', '홍길동'],
      ['편집', '김철수, 이영희'],
      ['펴낸곳', '책마을'],
      ['펴낸날', '2021년 4월 29일'],
      ['시리즈', '개발자 서재 (3권)'],
      ['ISBN', '9788968481239'],
    ]);
    const paragraphs = elements(doc, NS.xhtml, 'p').map((p) => [attr(p, 'class'), text(p)]);
    assert.deepEqual(paragraphs, [
      ['book-title', '컨테이너 첫걸음: 도커로 시작하는 배포'],
      ['edition', '초판 1쇄'],
      ['rights', '© 2021 주길재. 모든 권리 보유.'],
    ]);
  });

  it('should style both pages in the e-reader stylesheet', () => {
    const css = (built.book.entries.get(built.book.entryName('style.css')) as Buffer).toString('utf8');
    assert.match(css, /section\.title-page \{[^}]*text-align: center/);
    assert.match(css, /section\.copyright-page \{[^}]*font-size: 0\.8em/);
  });

  it('should set the same title page, contributors included, in the PDF', () => {
    const first = squash(pageText(path.join(built.dir, 'dist', 'epub-front-matter.pdf'), 1));
    for (const line of ['컨테이너 첫걸음', '주길재', '옮긴이 홍길동', '편집 김철수, 이영희', '책마을']) assert.ok(first.includes(squash(line)), `"${line}" is not on the PDF's title page:\n${first}`);
  });

  it('should give the same EPUB bytes on a second build', () => {
    assert.equal(sha256(again), sha256(built.epub));
  });
});

describe('epub-front-matter/ with the book’s own copyright page', () => {
  let built: Built;
  before(async () => {
    built = await build(['--format', 'epub'], addOwnPages);
  });
  after(removeTempDirs);

  it('should pass EPUBCheck and Ace with nothing to report', () => {
    assert.deepEqual([built.check.fatals, built.check.errors, built.check.warnings], [0, 0, 0], formatMessages(built.check.messages));
    assert.deepEqual(built.violations, [], formatViolations(built.violations));
  });

  it('should put the author’s copyright page where the generated one was, and make none', () => {
    assert.deepEqual(spineHrefs(built.book), ['cover.xhtml', 'titlepage.xhtml', 'ch01.xhtml', 'toc.xhtml', 'ch02.xhtml', 'ch03.xhtml', 'ch04.xhtml']);
    assert.ok(![...built.book.manifest.values()].some((item) => item.href === 'copyright.xhtml'), 'a copyright page was generated too');
    assert.ok(text(built.book.parse('ch01.xhtml').documentElement).includes('이 책의 판권은 저자에게 있습니다.'));
  });

  it('should point the landmarks at it and mark it as front matter, the text starting after it', () => {
    assert.deepEqual(
      landmarks(built.book).map(([type, href]) => [type, href]),
      [
        ['cover', 'cover.xhtml'],
        ['titlepage', 'titlepage.xhtml'],
        ['copyright-page', 'ch01.xhtml'],
        ['toc', 'toc.xhtml'],
        ['bodymatter', 'ch02.xhtml'],
      ],
    );
    assert.deepEqual(types(built.book, 'ch01.xhtml'), ['frontmatter', 'copyright-page']);
    assert.deepEqual(contents(built.book), ['0 시작하며 -> ch02.xhtml', '0 컨테이너 실행 -> ch03.xhtml', '0 덧붙임 -> ch04.xhtml']);
  });

  it('should show the page as written: no heading made up from its file name, and no warning for the missing H1', () => {
    assert.deepEqual(elements(built.book.parse('ch01.xhtml'), NS.xhtml, 'h1'), []);
    assert.ok(!diagnosticLines(built.run.stderr).some((d) => d.file.endsWith('00-copyright.md')), built.run.stderr);
  });

  it('should warn at its line about a role that names no page, and read that file as a chapter', () => {
    const warnings = diagnosticLines(built.run.stderr).filter((d) => d.message.includes('front matter role'));
    assert.deepEqual(warnings.map((d) => [d.file, d.line, d.severity]), [[path.join('manuscript', '03-notes.md'), 3, 'warning']], built.run.stderr);
    assert.deepEqual(types(built.book, 'ch04.xhtml'), ['bodymatter', 'chapter']);
  });
});
