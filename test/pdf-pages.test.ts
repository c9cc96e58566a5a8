/**
 * Page breaks as a typeset book makes them, on a Korean fixture book (test/fixtures/print-pages)
 * built through the real CLI: no page holds a single line, paragraphs in quotes and lists keep
 * two lines on each side of a break, a two-line chapter title is balanced, a contents entry stays
 * with its first section, and figures and tables carry numbered captions in the PDF and the EPUB.
 * The test adds ten chapters whose closing quote sits a line further down the page each time, so
 * that one of them ends a page whatever the exact line metrics.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Root } from 'hast';
import { h } from 'hastscript';
import { unified } from 'unified';
import { VFile } from 'vfile';
import rehypeCaptions from '../scripts/markdown/rehype-captions.js';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';
import { readEpub } from './helpers/epub.js';
import { epubcheck, formatMessages } from './helpers/epubcheck.js';
import { printedLines, type PrintedLine } from './helpers/pdf-lines.js';
import { squash } from './helpers/poppler.js';

const sentence = '컨테이너는 애플리케이션과 그 실행 환경을 하나로 묶어 어디서나 똑같이 실행되게 합니다.';
const shifts = 10;
const longTitle = '도커 컨테이너 이미지를 직접 만들어서 올리기';
const runningHeads = ['쪽 나눔', '그림과 표', longTitle, ...Array.from({ length: shifts }, (_, i) => `인용으로 끝나는 장 ${i + 1}`)];

/**
 * A chapter that ends with a quote whose last paragraph is one line, `shift` one-line paragraphs
 * further down than the first such chapter. Every longer paragraph starts with a mark («n»), so
 * that a test can tell which lines belong together; its list items and quoted paragraphs have three
 * lines, too few to be split two and two.
 */
function shiftedChapter(shift: number, mark: { n: number }): string {
  const marked = (sentences: number): string => `«${++mark.n}» ${Array.from({ length: sentences }, () => sentence).join(' ')}`;
  const lines = [`# 인용으로 끝나는 장 ${shift + 1}`, ''];
  lines.push(`## 절 ${shift + 1}-1`, '', marked(4), '');
  for (let i = 0; i < shift; i++) lines.push(`«${++mark.n}» 짧은 문단입니다.`, '');
  for (let i = 0; i < 3; i++) lines.push(marked(4), '');
  for (let i = 0; i < 4; i++) lines.push(`- ${marked(2)}`);
  lines.push('');
  for (let i = 0; i < 3; i++) lines.push(`> ${marked(2)}`, '>');
  lines.push(`> ${marked(3)}`, '>', '> 인용의 마지막 줄입니다.', '');
  return lines.join('\n');
}

/** The text lines of a page, its running head (in 7.5pt) and folio left out. */
function bodyLines(lines: PrintedLine[], page: number): PrintedLine[] {
  return lines.filter((l) => l.page === page && !/^\d+$/.test(l.text) && !(l.yMax - l.yMin < 12 && runningHeads.includes(l.text)));
}

/** Whether a line starts a block of the shifted chapters: a marked paragraph or a heading. */
function opensBlock(line: PrintedLine): boolean {
  return line.text.includes('«') || /^(절 |인용으로 )/.test(line.text);
}

describe('page breaks, balanced titles, contents and numbered captions in a Korean book', () => {
  let dir: string;
  let lines: PrintedLine[];
  let preflight: Preflight;

  before(async () => {
    dir = copyFixture('print-pages');
    const mark = { n: 0 };
    for (let shift = 0; shift < shifts; shift++) writeFileSync(path.join(dir, 'manuscript', `${String(shift + 3).padStart(2, '0')}-quote.md`), shiftedChapter(shift, mark));
    const run = await runCli(['build', dir]);
    assert.equal(run.code, 0, run.stderr);
    const pdf = path.join(dir, 'dist', 'print-pages.pdf');
    lines = printedLines(pdf);
    preflight = JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.preflight.json'), 'utf8')) as Preflight;
  });
  after(removeTempDirs);

  it('leaves no chapter page holding a single line', () => {
    const first = preflight.chapterStarts[0]?.page ?? 1;
    const alone = [];
    for (let page = first; page <= preflight.pages; page++) {
      const body = bodyLines(lines, page);
      if (body.length === 1) alone.push(`p.${page}: ${body[0]?.text}`);
    }
    assert.deepEqual(alone, []);
  });

  it('keeps at least two lines of a paragraph, list item or quote on each side of a page break', () => {
    const first = preflight.chapterStarts[0]?.page ?? 1;
    const broken = [];
    let splits = 0;
    for (let page = first; page < preflight.pages; page++) {
      const here = bodyLines(lines, page);
      const next = bodyLines(lines, page + 1);
      // A block runs on when the next page does not open with a new mark or a heading.
      if (!here.length || !next[0] || opensBlock(next[0])) continue;
      const start = here.findLastIndex(opensBlock);
      if (start === -1) continue;
      const before = here.length - start;
      const after = next.findIndex(opensBlock);
      const runOn = after === -1 ? next.length : after;
      splits++;
      if (before < 2 || runOn < 2) broken.push(`p.${page}: ${before} | ${runOn} (${here[start]?.text.slice(0, 12)})`);
    }
    assert.deepEqual(broken, []);
    assert.ok(splits >= 5, `${splits} blocks broken across pages: the check saw too few`);
  });

  it('balances a chapter title that takes two lines: no word left alone on the second', () => {
    const start = preflight.chapterStarts.find((c) => c.title === longTitle)?.page;
    assert.ok(start, 'the long title opens a chapter');
    const words = longTitle.split(' ');
    const title = bodyLines(lines, start).filter((l) => l.words.length && l.words.every((w) => words.includes(w)));
    assert.equal(title.length, 2, title.map((l) => l.text).join(' / '));
    const [one, two] = title.map((l) => l.xMax - l.xMin) as [number, number];
    assert.ok((title[1]?.words.length ?? 0) > 1, `second line: ${title[1]?.text}`);
    assert.ok(Math.min(one, two) / Math.max(one, two) > 0.6, `line widths ${one.toFixed(1)} and ${two.toFixed(1)}`);
  });

  it('prints each chapter of the contents on the page of its first section', () => {
    const first = preflight.chapterStarts[0]?.page ?? 1;
    const contents = lines.filter((l) => l.page < first);
    const apart = [];
    for (let shift = 0; shift < shifts; shift++) {
      const chapter = contents.find((l) => l.text.startsWith(`인용으로 끝나는 장 ${shift + 1} `) || l.text === `인용으로 끝나는 장 ${shift + 1}`);
      const section = contents.find((l) => l.text.startsWith(`절 ${shift + 1}-1 `) || l.text === `절 ${shift + 1}-1`);
      assert.ok(chapter && section, `chapter ${shift + 1} and its first section are in the contents`);
      if (chapter.page !== section.page) apart.push(`${chapter.text} on p.${chapter.page}, ${section.text} on p.${section.page}`);
    }
    assert.deepEqual(apart, []);
    const pages = new Set(contents.filter((l) => l.text.startsWith('절 ')).map((l) => l.page));
    assert.ok(pages.size >= 2, 'the contents span pages');
  });

  it('prints numbered captions, per chapter, under figures and above tables', () => {
    const text = squash(lines.map((l) => l.text).join('\n'));
    for (const caption of ['그림 1-1 이미지를 이루는 층', '표 1-1 자주 쓰는 도커 명령', '그림 1-2 컨테이너와 이미지의 관계', '표 1-2 실행 옵션', '그림 2-1 컨테이너 네트워크']) {
      assert.ok(text.includes(squash(caption)), `"${caption}" is printed`);
    }
    assert.ok(!text.includes('Table:') && !text.includes(squash(': 실행 옵션')), 'the caption lines are not printed as text');
    assert.ok(!text.includes(squash('그림 1-3')), 'an image without a title gets no number');
    const table = lines.find((l) => l.text.startsWith('표 1-1'));
    const header = lines.find((l) => l.text.startsWith('명령'));
    assert.ok(table && header && table.page === header.page && table.yMax < header.yMin, 'the table caption is above the table');
  });

  it('puts the captions in the EPUB as figcaption and caption, and passes EPUBCheck', async () => {
    const epub = path.join(dir, 'dist', 'print-pages.epub');
    const result = await epubcheck(epub);
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], formatMessages(result.messages));
    const chapters = [...(await readEpub(epub)).entries()].filter(([name]) => name.endsWith('.xhtml')).map(([, data]) => data.toString('utf8'));
    const first = chapters.find((c) => c.includes('이미지를 이루는 층')) ?? '';
    assert.match(first, /<figure class="figure"><img [^>]*alt="이미지의 층"[^>]*>(<\/img>)?<figcaption><span class="caption-label">그림 1-1<\/span> 이미지를 이루는 층<\/figcaption><\/figure>/);
    assert.match(first, /<table><caption><span class="caption-label">표 1-1<\/span> 자주 쓰는 도커 명령<\/caption>/);
    assert.doesNotMatch(first, /title="이미지를 이루는 층"/);
  });
});

describe('rehype-captions', () => {
  /** Runs the pass on a tree as the second file of chapter 4, after one figure and no table. */
  function captioned(tree: Root): { tree: Root; file: VFile } {
    const file = new VFile();
    unified().use(rehypeCaptions, { figureLabel: 'Figure {n}', tableLabel: 'Table {n}', chapter: 4, figures: 1, tables: 0 }).runSync(tree, file);
    return { tree, file };
  }

  it('goes on with the numbers of the chapter’s earlier files and reports where it stopped', () => {
    const { tree, file } = captioned({ type: 'root', children: [h('p', [h('img', { src: 'a.png', alt: 'a', title: 'Layers' })]), h('table', [h('tr', [h('td', 'x')])]), h('p', 'Table: Commands')] });
    assert.equal(file.data.captions?.figures, 2);
    assert.equal(file.data.captions?.tables, 1);
    const [figure, table] = tree.children as [Root['children'][number] & { tagName: string }, Root['children'][number] & { tagName: string }];
    assert.equal(figure.tagName, 'figure');
    assert.equal(table.tagName, 'table');
    assert.equal(tree.children.length, 2, 'the caption paragraph is gone');
    assert.match(JSON.stringify(tree), /Figure 4-2.*Layers.*Table 4-1.*Commands/);
  });

  it('leaves a paragraph that only starts like a caption, or an image among words, as it is', () => {
    const { tree, file } = captioned({ type: 'root', children: [h('p', ['See ', h('img', { src: 'a.png', alt: 'a', title: 'Inline' })]), h('p', 'Table:Commands')] });
    assert.deepEqual([file.data.captions?.figures, file.data.captions?.tables], [1, 0]);
    assert.doesNotMatch(JSON.stringify(tree), /figure|caption/);
  });
});
