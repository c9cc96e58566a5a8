/**
 * A GitBook book whose SUMMARY.md nests section files under chapters, printed through the real
 * CLI: only top-level chapters open on a right-hand page, nested sections follow on the next page
 * (or, with `print.sectionBreak: none`, on the same one), a heading repeating its file's title is
 * printed once, and the contents, links and bookmarks find every section where it is printed.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';
import { bodyText, foot, head, tocEntries, type BuiltBook } from './helpers/pdf-checks.js';
import { outlineTitles, pageText, squash, wordBoxes } from './helpers/poppler.js';

const PT = 72 / 25.4;

/** The fixture's files in SUMMARY.md order, nested ones marked. */
const files = [
  { file: 'start/README.md', nested: false },
  { file: 'start/install.md', nested: true },
  { file: 'start/first-container.md', nested: true },
  { file: 'image/README.md', nested: false },
  { file: 'image/dockerfile.md', nested: true },
  { file: 'image/build.md', nested: true },
  { file: 'image/registry.md', nested: true },
  { file: 'network/README.md', nested: false },
  { file: 'network/bridge.md', nested: true },
  { file: 'network/ports.md', nested: true },
];

/** Builds a copy of the fixture (with `bookYaml` added when given) and reads what the test needs. */
async function buildFixture(bookYaml?: string): Promise<BuiltBook & { dir: string; stderr: string }> {
  const dir = copyFixture('nested-summary');
  if (bookYaml) writeFileSync(path.join(dir, 'book.yaml'), bookYaml);
  const run = await runCli(['build', dir, '--format', 'pdf']);
  assert.equal(run.code, 0, run.stderr);
  const pdf = path.join(dir, 'dist', `${path.basename(dir)}.pdf`);
  return {
    dir,
    stderr: run.stderr,
    pdf,
    preflight: JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.preflight.json'), 'utf8')) as Preflight,
    bookTitle: '중첩 차례로 엮은 도커 노트',
    chapterTitles: [],
    tocLabel: '차례',
    roman: true,
    trim: [152, 225],
    bleed: 0,
    margins: { top: 20, bottom: 22 },
  };
}

/** How many times `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** The last words of a fixture file's text (its last paragraph that is no note), whitespace removed. */
function lastWords(dir: string, file: string): string {
  const paragraphs = readFileSync(path.join(dir, file), 'utf8').split(/\n\n+/).map((p) => p.trim()).filter((p) => p && !p.startsWith('[^'));
  // As printed: without the backticks of inline code and the marks of note references.
  return squash((paragraphs.at(-1) as string).replace(/`|\[\^\w+\]/g, '')).slice(-12);
}

/** Checks that hold in either mode: openers on odd pages, the contents' page numbers. */
function structureChecks(book: () => BuiltBook): void {
  it('starts every top-level chapter on an odd page without running head or folio, every nested section with both', () => {
    const b = book();
    const starts = b.preflight.chapterStarts;
    assert.deepEqual(starts.map((s) => s.depth > 0), files.map((f) => f.nested));
    const openers = new Set(starts.filter((s) => s.depth === 0).map((s) => s.page));
    for (const start of starts) {
      if (start.depth === 0) {
        assert.equal(start.page % 2, 1, `${start.title} starts on page ${start.page}`);
        assert.equal(head(b, start.page), '', `running head on the opener of ${start.title}`);
        assert.equal(foot(b, start.page), '', `folio on the opener of ${start.title}`);
      } else if (!openers.has(start.page)) {
        // A page of the section's own (one running on from its chapter's opener has neither).
        assert.notEqual(head(b, start.page), '', `no running head on the first page of ${start.title}`);
        assert.equal(foot(b, start.page), start.folio, `folio on the first page of ${start.title}`);
      }
      assert.ok(squash(bodyText(b, start.page)).includes(squash(start.title)), `${start.title} is not printed on page ${start.page}`);
    }
  });

  it('prints in the contents the page on which each chapter and section title is found', () => {
    const b = book();
    const entries = tocEntries(b);
    for (const start of b.preflight.chapterStarts) assert.equal(entries.filter((e) => e.title === squash(start.title)).length, 1, `${start.title} listed once`);
    assert.ok(entries.some((e) => e.title === '설치확인'), 'the h2 sections are listed');
    for (const entry of entries) {
      const page = entry.folio + b.preflight.frontMatterPages;
      assert.ok(squash(bodyText(b, page)).includes(entry.title), `"${entry.title}" is listed on page ${entry.folio} but not found on PDF page ${page}`);
    }
  });

  it('prints a first heading that repeats its file title (or its SUMMARY.md title) once', () => {
    const b = book();
    for (const title of ['Docker 설치', '이미지 빌드']) {
      const start = b.preflight.chapterStarts.find((s) => s.title === title);
      assert.ok(start, title);
      assert.equal(count(squash(bodyText(b, start.page)), squash(title)), 1, `${title} on page ${start.page}`);
      assert.equal(outlineTitles(b.pdf).filter((t) => t.title === title).length, 1, `${title} bookmarked once`);
    }
  });

  it('points links and footnotes of nested sections at the pages that hold their targets', async () => {
    const b = book();
    const links = await linkTargets(b.pdf);
    const installCheck = b.preflight.chapterStarts.find((s) => s.title === 'Docker 설치') as { page: number };
    const checkPage = [installCheck.page, installCheck.page + 1].find((p) => squash(bodyText(b, p)).includes('설치확인터미널'));
    const ports = (b.preflight.chapterStarts.at(-1) as { page: number }).page;
    assert.ok(checkPage && links.some((l) => l.from >= ports && l.to === checkPage), `a link from 포트 공개 to 설치 확인 (page ${checkPage}): ${JSON.stringify(links)}`);
    // Both sections of the first chapter number their note 1: each reference finds its own note.
    const notes = ['배포판저장소의패키지는', '처음한번만내려받고'].map((words) => {
      for (let page = b.preflight.frontMatterPages + 1; page <= b.preflight.pages; page++) if (squash(bodyText(b, page)).includes(words)) return page;
      return 0;
    });
    const noteLinks = links.filter((l) => l.from > b.preflight.frontMatterPages && l.from < ports);
    for (const page of notes) assert.ok(page > 0 && noteLinks.some((l) => l.to === page), `a note reference leads to page ${page}: ${JSON.stringify(noteLinks)}`);
  });
}

/** Every link annotation with an explicit destination: the page it is on and the page it leads to (1-based). */
async function linkTargets(file: string): Promise<{ from: number; to: number }[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  return doc.getPages().flatMap((page, i) => {
    const annots = page.node.Annots();
    const found: { from: number; to: number }[] = [];
    for (let k = 0; annots && k < annots.size(); k++) {
      const dest = annots.lookup(k, PDFDict).lookupMaybe(PDFName.of('Dest'), PDFArray);
      const to = dest && index.get(dest.get(0).toString());
      if (to) found.push({ from: i + 1, to });
    }
    return found;
  });
}

describe('PDF of a GitBook book with nested SUMMARY.md sections', () => {
  let paged: Awaited<ReturnType<typeof buildFixture>>;
  let runOn: Awaited<ReturnType<typeof buildFixture>>;

  before(async () => {
    paged = await buildFixture();
    runOn = await buildFixture('print:\n  sectionBreak: none\n');
  });
  after(removeTempDirs);

  describe('print.sectionBreak: page (the default)', () => {
    structureChecks(() => paged);

    it('leaves blank pages only before top-level chapters, and starts each nested section on a new page', () => {
      const b = paged;
      const starts = b.preflight.chapterStarts;
      const openers = new Set(starts.filter((s) => s.depth === 0).map((s) => s.page));
      const blanks: number[] = [];
      for (let page = b.preflight.frontMatterPages + 1; page <= b.preflight.pages; page++) {
        if (pageText(b.pdf, page).trim()) continue;
        blanks.push(page);
        assert.ok(openers.has(page + 1), `blank page ${page} is not followed by a chapter opener`);
      }
      assert.ok(blanks.length < openers.size, `${blanks.length} blank pages for ${openers.size} chapters`);
      starts.forEach((start, i) => {
        if (start.depth === 0) return;
        assert.equal(start.page, (starts[i - 1] as { page: number }).page + 1, `${start.title} follows on the next page`);
        assert.ok(squash(bodyText(b, start.page)).startsWith(squash(start.title)), `${start.title} opens its page`);
      });
    });

    it("shows a nested section's own title in the running head of its right-hand pages", () => {
      const b = paged;
      const right = b.preflight.chapterStarts.filter((s) => s.depth > 0 && s.page % 2 === 1);
      assert.ok(right.length > 0);
      for (const start of right) assert.equal(squash(head(b, start.page)), squash(start.title), `running head of page ${start.page}`);
    });
  });

  describe('print.sectionBreak: none', () => {
    structureChecks(() => runOn);

    it('continues each nested section on the page where the previous file ends, unless it does not fit there', () => {
      const b = runOn;
      const starts = b.preflight.chapterStarts;
      const textBottom = (b.trim[1] - b.margins.bottom) * PT;
      const words = { runOn: wordBoxes(b.pdf), paged: wordBoxes(paged.pdf) };
      const lowest = (list: typeof words.paged, page: number): number => Math.max(...list.filter((w) => w.page === page && w.yMax < textBottom + 2).map((w) => w.yMax));
      let sharing = 0;
      starts.forEach((start, i) => {
        if (start.depth === 0) return;
        const previous = files[i - 1]?.file as string;
        if (squash(bodyText(b, start.page)).includes(lastWords(b.dir, previous))) {
          sharing++;
          return;
        }
        assert.ok(squash(bodyText(b, start.page - 1)).includes(lastWords(b.dir, previous)), `${previous} does not end on page ${start.page - 1} or ${start.page}`);
        // Moved whole to the next page, the section must be taller than what was left: its height
        // is measured where it opens a page of its own, in the book built with page breaks.
        const pagedStart = (paged.preflight.chapterStarts[i] as { page: number }).page;
        const height = lowest(words.paged, pagedStart) - b.margins.top * PT;
        const left = textBottom - lowest(words.runOn, start.page - 1);
        assert.ok(left < height + 30, `page ${start.page - 1} has ${Math.round(left)}pt left for ${start.title}, ${Math.round(height)}pt tall, yet it starts on page ${start.page}`);
      });
      assert.ok(sharing >= 4, `only ${sharing} sections share a page with the text before them`);
      assert.ok(b.preflight.pages < paged.preflight.pages, `${b.preflight.pages} pages run on, ${paged.preflight.pages} with page breaks`);
    });
  });
});
