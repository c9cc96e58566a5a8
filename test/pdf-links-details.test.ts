/**
 * Links and typographic details on paper, on a small Korean book built through the real CLI:
 * printed addresses (after the text, or among the chapter's notes), addresses broken only after
 * `/ . - _ ?`, curly quotes in prose and straight ones in code, no fi/fl ligatures, lists set
 * like the body.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';
import { entryText, readEpub } from './helpers/epub.js';
import { squash, wordBoxes } from './helpers/poppler.js';

const longUrl = 'https://docs.docker.com/reference/cli/docker/container/run-long-option-list/?tab=flags_and_examples#detach_keys_option';

/** The PDF's text, page after page, as pdftotext reads it. */
function pdfText(pdf: string): string {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
}

/**
 * What the embedded fonts' ToUnicode maps say each glyph stands for, from qpdf's uncompressed
 * form: a glyph standing for two or more letters is a ligature.
 */
function glyphTexts(pdf: string): string[] {
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, '-'], { encoding: 'latin1', maxBuffer: 256 * 1024 * 1024 });
  const texts: string[] = [];
  for (const block of qdf.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
    for (const [, hex] of (block[1] as string).matchAll(/<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>/g)) {
      texts.push(String.fromCharCode(...(hex as string).match(/.{4}/g)!.map((u) => parseInt(u, 16))));
    }
  }
  return texts;
}

describe('links and details in the PDF of a Korean book', () => {
  let pdf: string;
  let text: string;
  let notesPdf: string;
  let epubDir: string;

  before(async () => {
    const dir = copyFixture('print-links');
    const notes = copyFixture('print-links');
    fs.appendFileSync(path.join(notes, 'manuscript', 'book.yaml'), '  linkAddresses: footnote\n');
    const [run, notesRun] = await Promise.all([runCli(['build', dir]), runCli(['build', notes, '--format', 'pdf'])]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(notesRun.code, 0, notesRun.stderr);
    pdf = path.join(dir, 'dist', 'print-links.pdf');
    notesPdf = path.join(notes, 'dist', 'print-links.pdf');
    epubDir = path.join(dir, 'dist', 'print-links.epub');
    text = pdfText(pdf);
  });
  after(removeTempDirs);

  it("prints an external link's address after its text, and nothing after links inside the book or written-out addresses", () => {
    const flat = squash(text);
    assert.ok(flat.includes('공식도커문서(https://docs.docker.com/)를'), flat);
    assert.ok(flat.includes('https://hub.docker.com처럼'));
    assert.ok(!flat.includes('https://hub.docker.com(https://'));
    assert.ok(flat.includes('다음장처럼') && !flat.includes('다음장('));
  });

  it('keeps the closing parenthesis on the line of the particle after it', () => {
    const line = text.split('\n').find((l) => l.includes('https://hub.docker.com/)'));
    assert.ok(line && squash(line).includes(')에서'), line);
    assert.ok(!text.split('\n').some((l) => /^\s*에서/.test(l)));
  });

  it('breaks a long address only after / . - _ ?, with nothing added to its text', () => {
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.includes('https://docs.docker.com/reference'));
    assert.ok(first >= 0);
    let rebuilt = lines[first]!.slice(lines[first]!.indexOf('https://')).trimEnd();
    const ends: string[] = [];
    for (let i = first + 1; !rebuilt.startsWith(longUrl) && i < lines.length; i++) {
      ends.push(rebuilt.at(-1)!);
      rebuilt += lines[i]!.trim().split(/\s/)[0];
    }
    assert.ok(rebuilt.startsWith(longUrl), rebuilt);
    assert.ok(ends.length >= 2, `the address should break at least twice on an A5 page, broke ${ends.length} times`);
    for (const end of ends) assert.match(end, /[/.\-_?]/);
  });

  it('draws no fi or fl ligature: "dockerfile" and "config file" are letters one by one', () => {
    assert.ok(text.includes('dockerfile') && text.includes('Dockerfile') && text.includes('config file'));
    assert.doesNotMatch(text, /[\uFB00-\uFB06]/);
    const ligatures = glyphTexts(pdf).filter((t) => /^(f[fil]|ff[il])$|[\uFB00-\uFB06]/.test(t));
    assert.deepEqual(ligatures, []);
  });

  it('sets Korean quotation marks in prose and keeps straight quotes in code', () => {
    const flat = squash(text);
    assert.ok(flat.includes('“도커는컨테이너를실행하는도구입니다”라고'), flat);
    assert.ok(flat.includes('‘이미지’와‘컨테이너’를'));
    assert.ok(flat.includes('It’s') && flat.includes('don’t'));
    assert.ok(flat.includes('echo"hello"처럼'));
    assert.ok(flat.includes(`--name'web'-eMESSAGE="hi"nginx`));
  });

  it('gives the EPUB the same quotation marks', async () => {
    const entries = await readEpub(epubDir);
    const chapter = [...entries.keys()].map((name) => entryText(entries, name)).find((t) => t.includes('실행하는 도구입니다'));
    assert.ok(chapter);
    assert.match(chapter, /“도커는 컨테이너를 실행하는 도구입니다”라고/);
    assert.match(chapter, /<code>echo "hello"<\/code>/);
    assert.doesNotMatch(chapter, /link-address/);
  });

  it('justifies list items like the body and starts bulleted and numbered items at the same left edge', () => {
    const words = wordBoxes(pdf);
    const at = (word: string) => words.find((w) => w.word === word)!;
    const lineOf = (word: { page: number; yMin: number }) => words.filter((w) => w.page === word.page && Math.abs(w.yMin - word.yMin) < 1);
    const bullet = at('첫째,');
    const numbered = at('Dockerfile을');
    // Left and right pages have mirrored margins: each item is measured from its own page's text block.
    const indent = (word: { page: number; xMin: number }) => word.xMin - Math.min(...words.filter((w) => w.page === word.page).map((w) => w.xMin));
    assert.ok(Math.abs(indent(bullet) - indent(numbered)) < 0.5, `${indent(bullet)} vs ${indent(numbered)}`);
    const paragraphRight = Math.max(...lineOf(at('설정')).map((w) => w.xMax));
    const itemRight = Math.max(...lineOf(bullet).map((w) => w.xMax));
    assert.ok(Math.abs(paragraphRight - itemRight) < 1, `the item's first line ends at ${itemRight}, the paragraph's at ${paragraphRight}`);
    // The item's second line hangs under its first.
    const next = words.filter((w) => w.page === bullet.page && w.yMin > bullet.yMin + 5 && w.yMin < bullet.yMin + 25);
    assert.ok(next.length > 0);
    assert.ok(Math.abs(Math.min(...next.map((w) => w.xMin)) - bullet.xMin) < 0.5);
  });

  it("puts addresses among the chapter's notes with footnote, numbered in reading order with the author's notes", () => {
    const flat = squash(pdfText(notesPdf));
    assert.ok(flat.includes('공식도커문서1를'), flat);
    // At the page foot (footnotes: page, the default), as the author's notes are.
    assert.ok(flat.includes('1.https://docs.docker.com/'));
    assert.ok(flat.includes('도커허브1에서') && flat.includes('각주가있는문장입니다.2') && flat.includes('허브1를'));
    assert.ok(flat.includes('1.https://hub.docker.com/2.원래있던각주입니다.'));
    assert.ok(!flat.includes('(https://docs.docker.com/)'));
  });
});
