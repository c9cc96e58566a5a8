/**
 * One embedded font per face for the whole book. Chromium prints every chapter as its own
 * document with its own subsets of the Fontsource slices; the assembly merges them, so a Korean
 * book split into eight chapters embeds each slice once, weighs about what the same text printed
 * as one chapter does, and keeps every character's text and every font's kind.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';

/** One Type0 font of a PDF: its name without the subset tag, the characters it draws (`CID:character`), its program's size. */
interface EmbeddedFont {
  name: string;
  glyphs: string[];
  programBytes: number;
}

/** The composite fonts of a PDF, read with pdf-lib. */
async function embeddedFonts(file: string): Promise<EmbeddedFont[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const fonts: EmbeddedFont[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const descendant = object.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const program = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2')) as PDFRawStream;
    const cmap = inflateSync((object.lookup(PDFName.of('ToUnicode')) as PDFRawStream).contents).toString('latin1');
    const glyphs: string[] = [];
    for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, cid, text] of (block as string).matchAll(/<([0-9A-F]+)>\s*<([0-9A-F]{4})>/g)) glyphs.push(`${parseInt(cid as string, 16)}:${String.fromCharCode(parseInt(text as string, 16))}`);
    }
    for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, low, high, first] of (block as string).matchAll(/<([0-9A-F]+)>\s*<([0-9A-F]+)>\s*<([0-9A-F]{4})>/g)) {
        for (let i = 0; i <= parseInt(high as string, 16) - parseInt(low as string, 16); i++) glyphs.push(`${parseInt(low as string, 16) + i}:${String.fromCharCode(parseInt(first as string, 16) + i)}`);
      }
    }
    fonts.push({ name: (object.get(PDFName.of('BaseFont')) as PDFName).decodeText().replace(/^[A-Z]{6}\+/, ''), glyphs, programBytes: program.contents.length });
  }
  return fonts;
}

/** `pdffonts` rows as their columns: name, type, encoding, emb, sub, uni. */
function fontRows(file: string): { name: string; type: string; encoding: string; emb: string; sub: string; uni: string }[] {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      const [encoding, emb, sub, uni] = parts.slice(-6, -2) as [string, string, string, string];
      return { name: parts[0] as string, type: parts.slice(1, -6).join(' '), encoding, emb, sub, uni };
    });
}

/** Text without whitespace, so that line and page breaks do not matter. */
function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('PDF fonts: one embedded subset per face for the whole book', () => {
  let chapters: string;
  let oneChapter: string;
  let source: string;

  before(async () => {
    // The same Korean text twice: as eight chapters (each section promoted to one), and as one.
    const split = copyFixture('justification-ko');
    const file = path.join(split, 'manuscript', '01-containers.md');
    source = readFileSync(file, 'utf8');
    writeFileSync(file, source.replace(/^## /gm, '# '));
    const whole = copyFixture('justification-ko');
    const runs = await Promise.all([split, whole].map((dir) => runCli(['build', dir, '--format', 'pdf'])));
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    chapters = path.join(split, 'dist', 'justification-ko.pdf');
    oneChapter = path.join(whole, 'dist', 'justification-ko.pdf');
  });

  after(removeTempDirs);

  it('should print every chapter separately and embed each slice once', async () => {
    assert.match(execFileSync('pdftotext', [chapters, '-'], { encoding: 'utf8' }), /정리/);
    const fonts = await embeddedFonts(chapters);
    // Each Hangul syllable lies in one slice of Noto Serif KR (digits and some Latin letters lie
    // in several, and Chromium may draw them from either): one font per slice draws it once,
    // where a subset per chapter would draw the syllables every chapter uses again and again.
    const drawnBy = new Map<string, number>();
    for (const font of fonts) for (const glyph of font.glyphs) if (/^\d+:[\uac00-\ud7a3]$/.test(glyph)) drawnBy.set(`${font.name} ${glyph}`, (drawnBy.get(`${font.name} ${glyph}`) ?? 0) + 1);
    assert.ok(drawnBy.size > 300, `${drawnBy.size} syllables`);
    const twice = [...drawnBy].filter(([, n]) => n > 1).map(([k]) => k);
    assert.deepEqual(twice, [], 'no syllable is drawn by two fonts of the same face');
    const names = new Set(fonts.map((f) => f.name));
    assert.ok(fonts.length > names.size, `several slices per face name: ${fonts.length} fonts, ${names.size} names`);
  });

  it('should keep every font an embedded CID TrueType subset with a ToUnicode map', () => {
    const rows = fontRows(chapters);
    assert.ok(rows.length > 5, rows.map((r) => r.name).join(', '));
    for (const row of rows) assert.deepEqual([row.type, row.encoding, row.emb, row.sub, row.uni], ['CID TrueType', 'Identity-H', 'yes', 'yes', 'yes'], row.name);
    assert.equal(new Set(rows.map((r) => r.name)).size, rows.length, 'each font has its own subset tag');
  });

  it('should keep the text of every chapter', () => {
    const text = squeezed(execFileSync('pdftotext', [chapters, '-'], { encoding: 'utf8' }));
    const paragraphs = source.split(/\n\n+/).map((p) => squeezed(p.replace(/^#+ /, '').replace(/`/g, ''))).filter(Boolean);
    assert.equal(paragraphs.length, 33);
    for (const paragraph of paragraphs) assert.ok(text.includes(paragraph), `missing: ${paragraph.slice(0, 40)}…`);
  });

  it('should weigh about what the same text printed as one chapter does', async () => {
    const programs = async (file: string): Promise<number> => (await embeddedFonts(file)).reduce((sum, f) => sum + f.programBytes, 0);
    const [split, whole] = [await programs(chapters), await programs(oneChapter)];
    // Eight subsets of every slice would weigh several times as much.
    assert.ok(split < whole * 1.2, `fonts of 8 chapters: ${split} bytes; of one: ${whole} bytes`);
  });

  it('should pass qpdf --check', () => {
    execFileSync('qpdf', ['--check', chapters], { encoding: 'utf8' });
  });
});
