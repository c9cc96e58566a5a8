/**
 * Justification in print widens only the gaps a Korean, Chinese or Japanese compositor widens:
 * spaces, and the gaps between Hangul syllables, Han characters and kana; never the letters of a
 * Latin word, a number or a code run. Each fixture book is printed twice, as it is and flush left
 * (a book style): the alignment moves no line break, so every word of the justified print can be
 * set against its natural width in the other. The preflight's loose lines are checked against the
 * same measure.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';
import { isLatinWord, lineStretch, pairLines, pdfLines, wordWidths, type LinePair, type WordWidths } from './helpers/line-stretch.js';
import { squash } from './helpers/poppler.js';

/** A fixture book printed justified and flush left. */
interface Prints {
  pairs: LinePair[];
  unpaired: number;
  preflight: Preflight;
  stderr: string;
}

/** Builds fixture `name` as it is and with its paragraphs and list items set flush left, both at once. */
async function printBoth(name: string): Promise<Prints> {
  const [justified, flush] = [copyFixture(name), copyFixture(name)] as [string, string];
  mkdirSync(path.join(flush, 'styles'), { recursive: true });
  writeFileSync(path.join(flush, 'styles', 'print.css'), 'p, li { text-align: left !important; }\n');
  const runs = await Promise.all([justified, flush].map((dir) => runCli(['build', dir, '--format', 'pdf'])));
  for (const run of runs) assert.equal(run.code, 0, run.stderr);
  const pdf = (dir: string): string => path.join(dir, 'dist', `${name}.pdf`);
  const preflight = JSON.parse(readFileSync(path.join(justified, 'dist', `${name}.preflight.json`), 'utf8')) as Preflight;
  return { ...pairLines(pdfLines(pdf(justified)), pdfLines(pdf(flush))), preflight, stderr: runs[0]?.stderr ?? '' };
}

/** The Latin words, numbers and code runs of the prints, with their widths in both. */
function latinWords(prints: Prints): WordWidths[] {
  return prints.pairs.flatMap(wordWidths).filter((w) => isLatinWord(w.text) && w.text.length > 1);
}

/** The height of the body text's word boxes: the most common one. */
function bodyHeight(prints: Prints): number {
  const counts = new Map<number, number>();
  for (const word of prints.pairs.flatMap((p) => p.natural.words)) {
    const height = Math.round((word.yMax - word.yMin) * 10) / 10;
    counts.set(height, (counts.get(height) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** The words set more than 2% wider than their natural width, for the failure message. */
function letterSpaced(words: WordWidths[]): string[] {
  return words.filter((w) => w.justified > w.natural * 1.02).map((w) => `p.${w.page} ${w.text} +${((w.justified / w.natural - 1) * 100).toFixed(1)}%`);
}

describe('PDF justification', () => {
  let korean: Prints;
  let chinese: Prints;

  before(async () => {
    [korean, chinese] = await Promise.all([printBoth('justification-ko'), printBoth('justification-zh')]);
  });
  after(removeTempDirs);

  it('justifies a Korean book without letter-spacing its Latin words, numbers or inline code', () => {
    assert.equal(korean.unpaired, 0, 'both prints break every line at the same place');
    assert.ok(korean.pairs.length > 120, `several pages of prose: ${korean.pairs.length} lines`);
    const stretched = korean.pairs.filter((p) => lineStretch(p) > 0.01);
    assert.ok(stretched.length > 50, `the text is justified: ${stretched.length} lines widened`);
    const words = latinWords(korean);
    assert.ok(words.length > 150, `${words.length} Latin words and code runs measured`);
    // Inline code is set smaller than the text around it: pdftotext gives it words of its own.
    const text = bodyHeight(korean);
    assert.ok(words.filter((w) => w.height < text * 0.9).length > 60, 'code runs are among them');
    assert.deepEqual(letterSpaced(words), []);
  });

  it('justifies a Chinese book between Han characters without letter-spacing its Latin words or code', () => {
    assert.equal(chinese.unpaired, 0, 'both prints break every line at the same place');
    const stretched = chinese.pairs.filter((p) => lineStretch(p) > 0.01);
    assert.ok(stretched.length > 10, `the text is justified: ${stretched.length} lines widened`);
    const words = latinWords(chinese);
    assert.ok(words.length > 50, `${words.length} Latin words and code runs measured`);
    const text = bodyHeight(chinese);
    assert.ok(words.filter((w) => w.height < text * 0.9).length > 20, 'code runs are among them');
    assert.deepEqual(letterSpaced(words), []);
  });

  it('reports each line stretched by more than 10%, with its page, in the preflight', () => {
    const report = korean.preflight.looseLines;
    assert.ok(report.length > 0, 'the fixture has lines left short by a long word that cannot break');
    assert.match(korean.stderr, /lines stretched over 10%: \d+: p\. \d+ \(page \d+\) \+\d/);
    // The same line in the PDF: on the page reported, starting with the text reported (which may
    // run on past the line's end).
    const lineOf = (page: number, text: string): LinePair | undefined =>
      korean.pairs.find((p) => {
        const [line, start] = [squash(p.justified.text), squash(text)];
        const length = Math.min(line.length, start.length, 24);
        return p.justified.page === page && line.slice(0, length) === start.slice(0, length);
      });
    for (const loose of report) {
      const pair = lineOf(loose.page, loose.text);
      assert.ok(pair, `page ${loose.page} has a line starting "${loose.text}"`);
      assert.ok(Math.abs(lineStretch(pair) * 100 - loose.stretchPercent) < 1.5, `"${loose.text}": ${loose.stretchPercent}% reported, ${(lineStretch(pair) * 100).toFixed(1)}% in the PDF`);
    }
    const missed = korean.pairs.filter((p) => lineStretch(p) > 0.11 && !report.some((l) => l.page === p.justified.page && lineOf(l.page, l.text) === p));
    assert.deepEqual(missed.map((p) => `p.${p.justified.page} ${p.justified.text}`), []);
  });
});
