/**
 * Books in other languages and scripts print with embedded outline fonts only: no Type 3 (which
 * the system's CJK fonts and Chromium's faked bold produce), and line breaking by language.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';
import { pageText, pdffonts } from './helpers/poppler.js';

/** Builds a fixture book's PDF and returns its path. */
async function buildPdf(fixture: string, output: string): Promise<string> {
  const dir = copyFixture(fixture);
  const run = await runCli(['build', dir, '--format', 'pdf']);
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /problem: font/, 'the preflight finds no font problem');
  return path.join(dir, 'dist', `${output}.pdf`);
}

/** The font names without their subset tags. */
function fontNames(pdf: string): Set<string> {
  return new Set(pdffonts(pdf).map((f) => f.name.replace(/^[A-Z]{6}\+/, '')));
}

/** Asserts every font is an embedded subset and none is Type 3. */
function assertPrintableFonts(pdf: string): void {
  for (const font of pdffonts(pdf)) {
    assert.notEqual(font.type, 'Type 3', `${font.name} is Type 3`);
    assert.ok(font.embedded && font.subset, `${font.name} is not an embedded subset`);
  }
}

describe('PDF of books in other languages and scripts', () => {
  after(removeTempDirs);

  it('prints a Chinese book in Noto Serif SC, breaking lines between characters', async () => {
    const pdf = await buildPdf('chinese', 'chinese');
    assertPrintableFonts(pdf);
    assert.ok([...fontNames(pdf)].some((n) => n.startsWith('NotoSerifSC')), [...fontNames(pdf)].join(', '));
    // Korean's keep-all would make the long clause one unbreakable word: the first line would end
    // after 短句。 and be spread letter by letter across the measure.
    const lines = pageText(pdf, 5).split('\n').map((l) => l.trim()).filter(Boolean);
    const first = lines.find((l) => l.startsWith('短句。')) ?? '';
    assert.ok(first.length > 12, `the first line is filled: ${JSON.stringify(first)}`);
    assert.doesNotMatch(first, /\S \S \S/, 'no letter-spaced justification');
  });

  it('prints Latin, Greek, Arabic, Hebrew, Thai, Devanagari and emoji, bold ones too, without Type 3', async () => {
    const pdf = await buildPdf('scripts', 'scripts');
    assertPrintableFonts(pdf);
    const names = [...fontNames(pdf)].join(' ');
    for (const family of ['NotoSerif-Regular', 'NotoSerif-Italic', 'NotoEmoji', 'NotoNaskhArabic', 'NotoSerifHebrew', 'NotoSerifThai', 'NotoSerifDevanagari', 'NotoSerifKR', 'NanumGothicCoding']) {
      assert.match(names, new RegExp(family), `${family} among ${names}`);
    }
  });
});
