/**
 * Chapters printed several to a PDF (scripts/outputs/pdf/bundle.ts) and put back in their places:
 * a book of more chapters than the renderer has tabs, whose chapters all use the same ids (their
 * footnotes, a marker of the author's own), must print in fewer PDFs than chapters and still read
 * as if each chapter had been printed alone: every link lands in its own chapter, the tag tree
 * reads the pages in order, and left pages have their text block at the outer margin.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { removeTempDirs, runCli, tempDir } from './helpers/cli.js';
import { pageText, squash, wordBoxes } from './helpers/poppler.js';

const chapters = 7;
const mm = 72 / 25.4;

/** A chapter of about four pages whose ids repeat in every other chapter, its note and marker far from its first page. */
function chapter(n: number): string {
  const paragraph = `${n}장의 문단입니다. 컨테이너와 이미지, 네트워크와 볼륨을 차례로 살펴보며 같은 내용을 여러 번 되풀이합니다. Every chapter repeats this sentence to fill its pages.`;
  const parts = Array.from({ length: 30 }, () => paragraph);
  // On the second page, and the note's reference on the last: neither where the chapter starts.
  parts[10] = `<span id="marker">이정표 ${n}</span>`;
  parts[27] = `${paragraph} 각주가 달린 문장입니다.[^1] [같은 장의 표시](#marker)`;
  return `# ${n}장 묶음 시험\n\n${parts.join('\n\n')}\n\n[^1]: ${n}장의 각주입니다.\n`;
}

/** Each link annotation's page and the page its explicit destination is on (1-based). */
async function links(file: string): Promise<{ from: number; to: number }[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  return doc.getPages().flatMap((page, i) => {
    const annots = page.node.Annots();
    return Array.from({ length: annots?.size() ?? 0 }, (_, k) => annots?.lookup(k, PDFDict).lookupMaybe(PDFName.of('Dest'), PDFArray)).flatMap((dest) => (dest ? [{ from: i + 1, to: index.get(dest.get(0).toString()) ?? 0 }] : []));
  });
}

/** The page (1-based) of every structure element that names one, in the tree's reading order. */
async function structurePages(file: string): Promise<number[]> {
  const doc = await PDFDocument.load(readFileSync(file));
  const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const pages: number[] = [];
  const walk = (object: PDFObject | undefined): void => {
    const value = object instanceof PDFRef ? doc.context.lookup(object) : object;
    if (value instanceof PDFArray) return value.asArray().forEach(walk);
    if (!(value instanceof PDFDict) || !value.has(PDFName.of('S'))) return undefined;
    const page = value.get(PDFName.of('Pg'));
    if (page) pages.push(index.get(page.toString()) ?? 0);
    return walk(value.get(PDFName.of('K')));
  };
  walk(doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).get(PDFName.of('K')));
  return pages;
}

describe('PDF: chapters printed several to a PDF', () => {
  const dir = path.join(tempDir('pdf-bundles-'), 'book');
  const pdf = path.join(dir, 'dist', 'bundles.pdf');
  let stderr = '';
  let preflight: Preflight;

  before(async () => {
    mkdirSync(path.join(dir, 'manuscript'), { recursive: true });
    writeFileSync(
      path.join(dir, 'manuscript', 'book.yaml'),
      'title: 묶음 인쇄 시험\nauthor: 테스트\nlanguage: ko\noutput: bundles\nprint:\n  trim: A5\n  margins: { top: 18mm, bottom: 20mm, inner: 24mm, outer: 12mm }\n',
    );
    for (let n = 1; n <= chapters; n++) writeFileSync(path.join(dir, 'manuscript', `${String(n).padStart(2, '0')}.md`), chapter(n));
    const run = await runCli(['build', dir, '--format', 'pdf', '--no-cache']);
    assert.equal(run.code, 0, run.stderr);
    stderr = run.stderr;
    preflight = JSON.parse(readFileSync(pdf.replace(/\.pdf$/, '.preflight.json'), 'utf8')) as Preflight;
  });
  after(removeTempDirs);

  it('prints the chapters in fewer PDFs than chapters', () => {
    const found = /(\d+) printed, 0 from the cache; (\d+) PDF\(s\) printed/.exec(stderr);
    assert.ok(found, stderr);
    assert.equal(Number(found[1]), chapters);
    assert.ok(Number(found[2]) < chapters, stderr);
  });

  it("points every chapter's links (its footnote, its own marker) at its own note and marker", async () => {
    const starts = preflight.chapterStarts.map((c) => c.page);
    const chapterOf = (page: number): number => starts.filter((start) => start <= page).length;
    const found = await links(pdf);
    const inBody = found.filter((l) => l.from >= (starts[0] as number));
    for (const link of inBody) assert.equal(chapterOf(link.to), chapterOf(link.from), `the link on page ${link.from} leads to page ${link.to}, in another chapter`);
    for (let n = 1; n <= chapters; n++) {
      // Neither is on the chapter's first page, where a link that lost its target would land instead.
      const targets = inBody.filter((l) => chapterOf(l.from) === n && l.to > (starts[n - 1] as number)).map((l) => squash(pageText(pdf, l.to)));
      assert.ok(targets.some((text) => text.includes(`${n}장의각주입니다`) && !text.includes(`이정표${n}`)), `chapter ${n}: no link leads to its note`);
      assert.ok(targets.some((text) => text.includes(`이정표${n}`) && !text.includes(`${n}장의각주입니다`)), `chapter ${n}: no link leads to its marker`);
    }
  });

  it('reads the pages in order in the tag tree', async () => {
    const pages = await structurePages(pdf);
    assert.ok(pages.length > 50, `${pages.length} elements`);
    pages.forEach((page, i) => assert.ok(i === 0 || page >= (pages[i - 1] as number), `element ${i} is on page ${page}, after one on page ${pages[i - 1]}`));
  });

  it('sets the text block at the inner margin of right pages and the outer margin of left pages', () => {
    const heights = { top: 18 * mm + 12, bottom: (210 - 20) * mm };
    const body = wordBoxes(pdf).filter((w) => w.yMin > heights.top && w.yMax < heights.bottom && w.page > (preflight.chapterStarts[0]?.page ?? 0));
    const left = new Map<number, number>();
    for (const w of body) left.set(w.page, Math.min(left.get(w.page) ?? Infinity, w.xMin));
    let sides = 0;
    for (const [page, x] of left) {
      // Page 1 is a right-hand page.
      const margin = page % 2 === 0 ? 12 : 24;
      assert.ok(Math.abs(x - margin * mm) < 2, `page ${page}: text starts ${(x / mm).toFixed(1)} mm from the left edge, not ${margin} mm`);
      sides |= page % 2 === 0 ? 1 : 2;
    }
    assert.equal(sides, 3, 'both left and right pages were checked');
  });
});
