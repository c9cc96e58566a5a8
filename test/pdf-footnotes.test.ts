/**
 * Footnotes at the page foot (outputs/pdf/page-notes.ts), on a Korean book of three chapters with
 * 36 notes, some long, some referred to near a page's end, two referred to twice: every note
 * starts at the foot of the page that first refers to it, below the reference, and is printed
 * whole across that page and the next; the contents' page numbers and the right-hand openers
 * still hold; `footnotes: end` keeps the chapter-end notes; the EPUB keeps its pop-up notes.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';
import { readEpub } from './helpers/epub.js';
import { bodyText, foot, tocEntries, type BuiltBook } from './helpers/pdf-checks.js';
import { pageText, regionText, squash } from './helpers/poppler.js';

const chapterFiles = ['01-compose.md', '02-observability.md', '03-deploy.md'];

/** A chapter's notes as the Markdown has them: numbered in the order of their first reference, with their text. */
function notesOf(dir: string, file: string): { label: string; number: number; text: string }[] {
  const source = readFileSync(path.join(dir, 'manuscript', file), 'utf8');
  const definitions = new Map<string, string>();
  const blocks = source.split(/\n(?=\[\^)/);
  for (const block of blocks) {
    const m = /^\[\^([^\]]+)\]:\s*([\s\S]*)$/.exec(block);
    if (m) definitions.set(m[1] as string, (m[2] as string).trim());
  }
  const body = source.replace(/^\[\^[^\]]+\]:[\s\S]*$/m, '');
  const order: string[] = [];
  for (const m of body.matchAll(/\[\^([^\]]+)\]/g)) if (!order.includes(m[1] as string)) order.push(m[1] as string);
  // As printed: no backticks, emphasis or link marks; paragraphs joined.
  const plain = (text: string): string => squash(text.replace(/`|\*\*|\[([^\]]*)\]\([^)]*\)/g, (_, t: string | undefined) => t ?? ''));
  return order.map((label, i) => ({ label, number: i + 1, text: plain(definitions.get(label) ?? '') }));
}

/** A note reference as printed: its page, its box (points, from the bottom) and where its link leads. */
interface PrintedRef {
  page: number;
  number: number;
  bottom: number;
  toPage: number;
  toY: number;
}

/** The note references of a PDF: links on superscript numbers, with their explicit destinations and the number of the note there. */
async function printedRefs(file: string): Promise<PrintedRef[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const refs: PrintedRef[] = [];
  doc.getPages().forEach((page, i) => {
    const annots = page.node.Annots();
    const height = page.getHeight();
    for (let k = 0; annots && k < annots.size(); k++) {
      const annot = annots.lookup(k, PDFDict);
      const dest = annot.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (!dest || !rect) continue;
      const [x0, y0, x1, y1] = [0, 1, 2, 3].map((n) => (rect.lookup(n, PDFNumber) as PDFNumber).asNumber()) as [number, number, number, number];
      // The middle of the box: a neighbouring mark ("34") must not be read with it.
      const text = regionText(file, i + 1, x0 + 0.5, height - y1 + 1, Math.max(1, x1 - x0 - 1), Math.max(1, y1 - y0 - 2));
      if (!/^\d+$/.test(text)) continue;
      // The note's number as printed where the link leads (two marks side by side read as one).
      const toY = dest.lookupMaybe(3, PDFNumber)?.asNumber() ?? 0;
      const toPage = index.get(dest.get(0).toString()) ?? 0;
      const number = /^(\d+)\./.exec(squash(regionText(file, toPage, 0, height - toY + 3, 2000, 24)))?.[1];
      if (number) refs.push({ page: i + 1, number: Number(number), bottom: y0, toPage, toY });
    }
  });
  return refs;
}

/** Builds a copy of the fixture (with `bookYaml` lines added) in both formats. */
async function buildFixture(extraYaml = ''): Promise<BuiltBook & { dir: string; stderr: string; epub: string }> {
  const dir = copyFixture('footnotes-ko');
  if (extraYaml) writeFileSync(path.join(dir, 'manuscript', 'book.yaml'), `${readFileSync(path.join(dir, 'manuscript', 'book.yaml'), 'utf8')}${extraYaml}`);
  const run = await runCli(['build', dir]);
  assert.equal(run.code, 0, run.stderr);
  const pdf = path.join(dir, 'dist', 'footnotes-ko.pdf');
  return {
    dir,
    stderr: run.stderr,
    pdf,
    epub: path.join(dir, 'dist', 'footnotes-ko.epub'),
    preflight: JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.preflight.json'), 'utf8')) as Preflight,
    bookTitle: '컨테이너로 서비스 운영하기',
    chapterTitles: [],
    tocLabel: '차례',
    roman: true,
    trim: [152, 225],
    bleed: 0,
    margins: { top: 20, bottom: 22 },
  };
}

describe('footnotes at the foot of the page (Korean, 36 notes)', () => {
  let paged: Awaited<ReturnType<typeof buildFixture>>;
  let atEnd: Awaited<ReturnType<typeof buildFixture>>;

  before(async () => {
    [paged, atEnd] = await Promise.all([buildFixture(), buildFixture('footnotes: end\n')]);
  });
  after(removeTempDirs);

  it('starts every note at the foot of the page holding its first reference, below it, and prints it whole', async () => {
    const b = paged;
    const refs = await printedRefs(b.pdf);
    const starts = b.preflight.chapterStarts;
    let checked = 0;
    chapterFiles.forEach((file, c) => {
      const first = (starts[c] as { page: number }).page;
      const end = c + 1 < starts.length ? (starts[c + 1] as { page: number }).page : b.preflight.pages + 1;
      const inChapter = refs.filter((r) => r.page >= first && r.page < end);
      for (const note of notesOf(b.dir, file)) {
        const ref = inChapter.find((r) => r.number === note.number);
        assert.ok(ref, `${file}: no printed reference to note ${note.number} (${note.label})`);
        assert.equal(ref.toPage, ref.page, `${file}: note ${note.number} (${note.label}) is referred to on page ${ref.page} but starts on page ${ref.toPage}`);
        assert.ok(ref.toY < ref.bottom, `${file}: note ${note.number} starts above its reference on page ${ref.page}`);
        const here = squash(bodyText(b, ref.page));
        const start = `${note.number}.${note.text.slice(0, 10)}`;
        assert.ok(here.includes(start), `${file}: page ${ref.page} lacks the start of note ${note.number}: ${start}`);
        // Whole: what is not on the reference's page continues on the next.
        const both = here + (ref.page < b.preflight.pages ? squash(bodyText(b, ref.page + 1)) : '');
        assert.ok(both.includes(note.text.slice(-12)), `${file}: the end of note ${note.number} is on neither page ${ref.page} nor ${ref.page + 1}`);
        checked++;
      }
    });
    assert.equal(checked, 36);
  });

  it('splits a note too long for the rest of its page and continues it at the next page foot', () => {
    const notes = paged.preflight.footnotes;
    assert.ok(notes, 'the preflight reports the footnotes');
    assert.equal(notes.placed, 36);
    assert.ok(notes.continued >= 1, `no note continued on the next page: ${JSON.stringify(notes)}`);
    assert.deepEqual(notes.late, []);
    assert.doesNotMatch(paged.stderr, /warning: .*footnote/i, 'no warning about footnotes');
  });

  it('keeps chapter openers on odd pages and the contents page numbers right', () => {
    const b = paged;
    for (const start of b.preflight.chapterStarts) {
      assert.equal(start.page % 2, 1, `${start.title} starts on page ${start.page}`);
      assert.equal(foot(b, start.page), '', `folio on the opener of ${start.title}`);
    }
    const entries = tocEntries(b);
    assert.ok(entries.length >= 10, `only ${entries.length} contents entries`);
    for (const entry of entries) {
      const page = entry.folio + b.preflight.frontMatterPages;
      assert.ok(squash(bodyText(b, page)).includes(entry.title), `"${entry.title}" is listed on page ${entry.folio} but not found on PDF page ${page}`);
    }
  });

  it('prints no chapter-end notes list, and every page folio where it belongs', () => {
    const b = paged;
    for (let page = b.preflight.frontMatterPages + 1; page <= b.preflight.pages; page++) {
      assert.doesNotMatch(pageText(b.pdf, page), /^각주$/m, `a 각주 heading on page ${page}`);
    }
  });

  it('with footnotes: end, prints each chapter’s notes after its text under 각주', () => {
    const b = atEnd;
    assert.equal(b.preflight.footnotes, undefined);
    let headings = 0;
    for (let page = b.preflight.frontMatterPages + 1; page <= b.preflight.pages; page++) if (/^각주$/m.test(pageText(b.pdf, page))) headings++;
    assert.equal(headings, 3);
  });

  it("finds every printed page's start in the EPUB for its page-list, though the notes moved to the page feet", () => {
    assert.doesNotMatch(paged.stderr, /page-list: the text of/, paged.stderr);
  });

  it('gives the same pages, notes and page-list when rebuilt from the print cache', async () => {
    const textOf = (): string => Array.from({ length: paged.preflight.pages }, (_, i) => pageText(paged.pdf, i + 1)).join('\f');
    const before = textOf();
    const run = await runCli(['build', paged.dir]);
    assert.equal(run.code, 0, run.stderr);
    const preflight = JSON.parse(readFileSync(paged.pdf.replace(/\.pdf$/, '.preflight.json'), 'utf8')) as Preflight;
    assert.deepEqual(preflight.footnotes, paged.preflight.footnotes);
    assert.equal(textOf(), before);
    assert.doesNotMatch(run.stderr, /page-list: the text of/, run.stderr);
  });

  it('leaves the EPUB its pop-up notes, in both settings', async () => {
    for (const b of [paged, atEnd]) {
      const entries = await readEpub(b.epub);
      const asides = [...entries].filter(([name]) => name.endsWith('.xhtml')).reduce((n, [, data]) => n + (data.toString('utf8').match(/<aside[^>]*epub:type="footnote"/g) ?? []).length, 0);
      assert.equal(asides, 36);
    }
  });
});
