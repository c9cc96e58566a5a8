/**
 * Justification read back from PDFs: the same book printed justified and flush left has the same
 * line breaks, so each word's and each line's width in the first can be set against its natural
 * width in the second. Words are pdftotext's (`-bbox`): a word ends at a space, at a change of
 * font size (inline code), or at a gap wider than a tenth of the font size (letter-spacing).
 */
import { squash, wordBoxes } from './poppler.js';

/** One word's box, in points. */
export type Word = ReturnType<typeof wordBoxes>[number];

/** One printed line: its page and its words from left to right. */
export interface Line {
  page: number;
  words: Word[];
  text: string;
}

/** A line printed justified and the same line printed flush left. */
export interface LinePair {
  justified: Line;
  natural: Line;
}

/** A word (or run of code) of the flush-left print and its width in both prints, in points. */
export interface WordWidths {
  page: number;
  text: string;
  natural: number;
  justified: number;
  /** The height of its box: inline code, set smaller, has lower boxes than the text. */
  height: number;
}

/** The lines of a PDF: its words grouped by page and vertical middle (inline code sits a little lower than text). */
export function pdfLines(file: string): Line[] {
  const lines: Line[] = [];
  const byPage = new Map<number, Word[]>();
  for (const word of wordBoxes(file)) {
    const list = byPage.get(word.page) ?? [];
    list.push({ ...word, word: unescapeXml(word.word) });
    byPage.set(word.page, list);
  }
  for (const [page, words] of byPage) {
    const sorted = [...words].sort((a, b) => a.yMin + a.yMax - (b.yMin + b.yMax));
    let current: Word[] = [];
    let middle = -Infinity;
    for (const word of sorted) {
      const m = (word.yMin + word.yMax) / 2;
      if (m - middle > 3 && current.length) {
        lines.push(lineOf(page, current));
        current = [];
      }
      if (!current.length) middle = m;
      current.push(word);
    }
    if (current.length) lines.push(lineOf(page, current));
  }
  return lines;
}

/** pdftotext's XML escapes (`&quot;`) as the characters they stand for. */
function unescapeXml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => named[name] as string);
}

/** A line from its words. */
function lineOf(page: number, words: Word[]): Line {
  const sorted = words.sort((a, b) => a.xMin - b.xMin);
  return { page, words: sorted, text: sorted.map((w) => w.word).join(' ') };
}

/** The lines of two prints paired in order, with how many could not be paired (different text). */
export function pairLines(justified: Line[], natural: Line[]): { pairs: LinePair[]; unpaired: number } {
  const pairs: LinePair[] = [];
  let unpaired = Math.abs(justified.length - natural.length);
  for (let i = 0; i < Math.min(justified.length, natural.length); i++) {
    const [j, n] = [justified[i] as Line, natural[i] as Line];
    if (j.page === n.page && squash(j.text) === squash(n.text)) pairs.push({ justified: j, natural: n });
    else unpaired++;
  }
  return { pairs, unpaired };
}

/** How much wider the justified line is than its natural width (0.05: 5%). */
export function lineStretch(pair: LinePair): number {
  const width = (line: Line): number => (line.words.at(-1)?.xMax ?? 0) - (line.words[0]?.xMin ?? 0);
  const natural = width(pair.natural);
  return natural > 0 ? width(pair.justified) / natural - 1 : 0;
}

/**
 * Each word of the flush-left line with its width there and in the justified line, where
 * letter-spacing may have split it into several words: they are joined back by their text.
 */
export function wordWidths(pair: LinePair): WordWidths[] {
  const result: WordWidths[] = [];
  const pieces = pair.justified.words;
  let k = 0;
  for (const word of pair.natural.words) {
    const first = pieces[k];
    let text = '';
    let last = first;
    while (k < pieces.length && text.length < word.word.length) {
      last = pieces[k] as Word;
      text += last.word;
      k++;
    }
    // The two prints read differently here: the rest of the line cannot be paired word by word.
    if (!first || !last || text !== word.word) break;
    result.push({ page: word.page, text: word.word, natural: word.xMax - word.xMin, justified: last.xMax - first.xMin, height: word.yMax - word.yMin });
  }
  return result;
}

/** Whether a word is Latin (or digits, or code): letters or digits and no Hangul, Han or kana. */
export function isLatinWord(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text) && !/[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text);
}
