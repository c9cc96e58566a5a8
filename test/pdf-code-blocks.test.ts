/**
 * Code blocks near page ends, in a small Korean book built through the real CLI (fixture
 * code-blocks: five chapters shift the same material down by about a line each, so that in one or
 * another a block or its lead-in falls at a page's foot; a sixth holds a figure too tall for the
 * room left on its first page). Checked on the PDF with poppler and qpdf.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { wrapPoints } from '../scripts/markdown/rehype-print-code-lines.js';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { copyFixture, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { printedLines, type PrintedLine } from './helpers/pdf-lines.js';

const PT = 72 / 25.4;
// A5 with the default margins: the text block in points from the page's top.
const blockTop = 20 * PT;
const blockBottom = (210 - 22) * PT;

/** A chapter of the fixture: its pages and what its code blocks and lead-ins say. */
interface FixtureChapter {
  pages: number[];
  /** Each lead-in paragraph with the first line of the block it introduces. */
  leadIns: { text: string; firstLine: string }[];
}

const leads = ['다음 명령으로 웹 서버 컨테이너를 여러 개 실행합니다.', '결과는 아래와 같습니다.', '다음과 같이 입력합니다:', '실행 결과는 다음과 같습니다.', '아래 명령을 차례로 실행합니다：'];
const longLines = [
  'drwxr-xr-x  2 root root 4096 Apr 29 10:00 docker-ce Community Edition owner-group drwxr-xr-x',
  '-rw-r--r--  1 root root  220 Apr 29 10:00 daemon.json Community Edition configuration file',
];

/** Text without white space, as compared across pdftotext's word splits. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The lines inside the text block (no running head, no folio). */
function bodyLines(lines: PrintedLine[], page: number): PrintedLine[] {
  return lines.filter((l) => l.page === page && l.yMin >= blockTop - 2 && l.yMax <= blockBottom + 2);
}

/** How much of the text block's height a page fills: from its top to the foot of its lowest line. */
function fill(lines: PrintedLine[], page: number): number {
  const body = bodyLines(lines, page);
  return body.length ? (Math.max(...body.map((l) => l.yMax)) - blockTop) / (blockBottom - blockTop) : 0;
}

describe('PDF code blocks near page ends', () => {
  let pdf: string;
  let run: CliResult;
  let preflight: Preflight;
  let lines: PrintedLine[];
  let chapters: FixtureChapter[];

  /** The page of the first (or `last`) line on `pages` whose text includes `text`, both squashed. */
  const pageOf = (pages: number[], text: string, last = false): number => {
    const matches = lines.filter((l) => pages.includes(l.page) && squash(l.text).includes(squash(text)));
    const found = last ? matches.at(-1) : matches[0];
    assert.ok(found, `"${text}" is printed on pages ${pages.join(', ')}`);
    return found.page;
  };

  before(async () => {
    const dir = copyFixture('code-blocks');
    run = await runCli(['build', dir, '--format', 'pdf']);
    assert.equal(run.code, 0, run.stderr);
    pdf = path.join(dir, 'dist', 'code-blocks.pdf');
    preflight = JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.preflight.json'), 'utf8')) as Preflight;
    lines = printedLines(pdf);
    const starts = preflight.chapterStarts.map((c) => c.page);
    chapters = starts.map((start, i) => {
      const end = starts[i + 1] ?? preflight.pages + 1;
      // Blank pages before the next chapter's opener belong to no chapter.
      const pages = Array.from({ length: end - start }, (_, k) => start + k).filter((p) => bodyLines(lines, p).length > 0);
      const n = i + 1;
      return {
        pages,
        leadIns: [
          { text: leads[i] ?? '', firstLine: `--name web${n}-01` },
          { text: '볼륨을 두 개 만들고 목록을 확인합니다:', firstLine: `volume create data${n}-01` },
          { text: '디렉터리 목록의 긴 줄은 다음과 같이 나뉩니다.', firstLine: '$ ls -l /srv' },
        ],
      };
    });
    assert.equal(chapters.length, 6);
  });
  after(removeTempDirs);

  const codeChapters = (): FixtureChapter[] => chapters.slice(0, 5);

  it('leaves no page more than 25% empty, except where a chapter ends', () => {
    const holes = codeChapters().flatMap((c) => c.pages.slice(0, -1).map((p) => ({ page: p, fill: Math.round(fill(lines, p) * 100) })).filter((p) => p.fill < 75));
    assert.deepEqual(holes, []);
  });

  it('keeps the paragraph that introduces a code block on the page where the block starts', () => {
    const apart = codeChapters().flatMap((c) =>
      // A lead-in's last word: the end of the paragraph, which must share the page with the block.
      c.leadIns.map((l) => ({ ...l, leadIn: pageOf(c.pages, l.text.split(' ').at(-1) as string), block: pageOf(c.pages, l.firstLine) })).filter((l) => l.leadIn !== l.block),
    );
    assert.deepEqual(apart, []);
    // Exercised: somewhere a lead-in went over to the next page with its block.
    const carried = codeChapters().some((c) => pageOf(c.pages, '볼륨의 목록은 이름순으로') !== pageOf(c.pages, '볼륨을 두 개 만들고'));
    assert.ok(carried, 'no lead-in fell at the foot of a page: the fixture no longer tests what it should');
  });

  it('keeps a short block (up to six lines) on one page', () => {
    codeChapters().forEach((c, i) => {
      // From its first line to its last, the output line that names the second volume again.
      assert.equal(pageOf(c.pages, `create data${i + 1}-01`), pageOf(c.pages, `data${i + 1}-02`, true), `chapter ${i + 1}`);
    });
  });

  it('splits a long block with at least two lines on each side', () => {
    let split = 0;
    codeChapters().forEach((c, i) => {
      const perPage = new Map<number, number>();
      for (let n = 1; n <= 12; n++) {
        const page = pageOf(c.pages, `--name web${i + 1}-${String(n).padStart(2, '0')}`);
        perPage.set(page, (perPage.get(page) ?? 0) + 1);
      }
      if (perPage.size > 1) split++;
      for (const [page, count] of perPage) assert.ok(count >= 2, `chapter ${i + 1}: ${count} line(s) of the long block on page ${page}`);
    });
    assert.ok(split > 0, 'no long block was split: the fixture no longer tests what it should');
  });

  it('wraps a long code line at a space, never inside a word', () => {
    for (const source of longLines) {
      const first = lines.findIndex((l) => l.text.startsWith(source.slice(0, 10)) && l.text.includes('Apr 29'));
      assert.ok(first >= 0, `${source} is printed`);
      const printed = [lines[first] as PrintedLine, lines[first + 1] as PrintedLine];
      assert.ok(printed[0].words.length < source.split(/\s+/).length, `the line wraps: ${printed[0].text}`);
      assert.deepEqual([...printed[0].words, ...printed[1].words], source.split(/\s+/));
    }
  });

  it('draws the wrap mark as a vector, not a bitmap', () => {
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.deepEqual(images, []);
    // pdfimages does not look into tiling patterns, where Chromium puts a repeated background image.
    const objects = execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, '-'], { maxBuffer: 1 << 28 }).toString('latin1');
    assert.equal((objects.match(/\/Subtype \/Image\b/g) ?? []).length, 0);
  });

  it('reports the pages less than 75% full that end no chapter, in the preflight and on stderr', () => {
    const measured = chapters.flatMap((c) => c.pages.slice(0, -1).filter((p) => fill(lines, p) < 0.75));
    const figure = chapters[5] as FixtureChapter;
    assert.deepEqual(measured, [figure.pages[0]], 'only the page before the tall figure is short');
    assert.deepEqual(preflight.underfilledPages.map((p) => p.page), measured);
    const [report] = preflight.underfilledPages;
    assert.ok(report && Math.abs(report.fullPercent - fill(lines, report.page) * 100) < 5, JSON.stringify(report));
    assert.equal(report.document, 'manuscript/06-figure.md');
    assert.match(run.stderr, new RegExp(`pages under 75% full, not ending a chapter: p\\. ${report.folio} \\(${report.fullPercent}%\\)`));
  });
});

describe('wrapPoints', () => {
  /** The printed lines of `text` at `columns`. */
  const wrap = (text: string, columns: number): string[] => {
    const starts = [0, ...wrapPoints(text, columns), text.length];
    return starts.slice(1).map((end, i) => text.slice(starts[i], end));
  };

  it('wraps after a space, moving the word whole', () => {
    assert.deepEqual(wrap('total 48 Community Edition', 15), ['total 48 ', 'Community ', 'Edition']);
  });

  it('breaks a token longer than the line after punctuation, else at the last character that fits', () => {
    assert.deepEqual(wrap('cd /usr/local/share/docker', 16), ['cd ', '/usr/local/', 'share/docker']);
    assert.deepEqual(wrap('abcdefghijklmnopqrstuvwxyz', 10), ['abcdefghij', 'klmnopqrst', 'uvwxyz']);
  });

  it('counts Hangul as two columns, keeps Korean words whole and breaks Chinese between characters', () => {
    assert.deepEqual(wrap('# 컨테이너를 실행합니다', 14), ['# 컨테이너를 ', '실행합니다']);
    assert.deepEqual(wrap('# 运行容器。然后检查', 12), ['# 运行容器。', '然后检查']);
  });

  it('keeps indentation with the text after it and lets spaces hang at the end of a line', () => {
    assert.deepEqual(wrap('        verylongword', 12), ['        very', 'longword']);
    assert.deepEqual(wrap('ab      cd', 4), ['ab      ', 'cd']);
  });
});
