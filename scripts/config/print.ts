/** Page geometry for the print PDF: trim presets, margins and bleed, all resolved to millimetres. */
import type { BookFile } from './schema.js';

type PrintFile = NonNullable<BookFile['print']>;
type MarginName = keyof NonNullable<PrintFile['margins']>;

export interface PrintConfig {
  trimWidth: number;
  trimHeight: number;
  margins: { top: number; bottom: number; inner: number; outer: number };
  bleed: number;
  cropMarks: boolean;
  romanFrontMatter: boolean;
  fontSize: number;
  /** Where an external link's address is printed when its text is something else. */
  linkAddresses: 'after' | 'footnote' | 'none';
  /** Where a section nested under a chapter in SUMMARY.md starts: a new page, or on the same page. */
  sectionBreak: 'page' | 'none';
  /** Where justified Korean text breaks: between words, or between syllables (KLREQ allows both). */
  koreanLineBreak: 'word' | 'syllable';
  /** The preset's name or `custom`, for reports. */
  trimName: string;
}

/** Trim sizes in millimetres. 신국판 is the common Korean trade size. */
const presets: Record<string, [number, number]> = {
  A5: [148, 210],
  B5: [182, 257],
  신국판: [152, 225],
  shinguk: [152, 225],
  '6x9': [152.4, 228.6],
  'US-trade': [152.4, 228.6],
};

const mmPer: Record<string, number> = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, px: 25.4 / 96 };

/** A CSS-like length (`20mm`, `0.75in`, `12pt`, or 0) in millimetres. */
export function toMm(length: string | number): number {
  if (typeof length === 'number') return length;
  const m = /^(\d+(?:\.\d+)?)(mm|cm|in|pt|px)$/.exec(length);
  if (!m) throw new Error(`not a length: ${length}`);
  return Number(m[1]) * (mmPer[m[2] as string] as number);
}

/** Applies the print defaults: 신국판, margins that leave a comfortable text block, no bleed. */
export function resolvePrint(print: PrintFile): PrintConfig {
  const trim = print.trim ?? '신국판';
  const [trimWidth, trimHeight] = typeof trim === 'string' ? (presets[trim] as [number, number]) : [toMm(trim.width), toMm(trim.height)];
  const m = print.margins ?? {};
  return {
    trimWidth,
    trimHeight,
    trimName: typeof trim === 'string' ? trim : 'custom',
    margins: {
      top: toMm(m.top ?? '20mm'),
      bottom: toMm(m.bottom ?? '22mm'),
      inner: toMm(m.inner ?? '22mm'),
      outer: toMm(m.outer ?? '16mm'),
    },
    bleed: toMm(print.bleed ?? 0),
    cropMarks: print.cropMarks ?? (print.bleed !== undefined && toMm(print.bleed) > 0),
    romanFrontMatter: print.romanFrontMatter ?? true,
    fontSize: (toMm(print.fontSize ?? '10pt') * 72) / 25.4,
    // As Korean technical books print them: the address in parentheses after the words. Notes go
    // to the chapter's end here (Chromium has no page-foot floats), pages away from the link.
    linkAddresses: print.linkAddresses ?? 'after',
    sectionBreak: print.sectionBreak ?? 'page',
    // Words kept whole is what Korean readers expect of a book by default; syllable breaking spaces
    // lines more evenly (bench/what-we-tried.md) and is the author's choice.
    koreanLineBreak: print.koreanLineBreak ?? 'word',
  };
}

/**
 * The smallest text block, in millimetres, either way. 20 mm holds about five Korean (ten Latin)
 * characters across and four lines of 10pt text down: less is no book page but a slip in the
 * margins, and a block of zero or less makes Chromium's printing fail long after book.yaml was read.
 */
const minTextBlock = 20;

/** A key path under `print:` to blame, with the reason. */
export interface PrintProblem {
  keys: [string, ...string[]];
  message: string;
}

/** Margins that leave less than `minTextBlock` of the page for text, across or down. */
export function textBlockProblems(print: PrintFile): PrintProblem[] {
  const p = resolvePrint(print);
  const problems: PrintProblem[] = [];
  const across = p.trimWidth - p.margins.inner - p.margins.outer;
  if (across < minTextBlock) {
    problems.push({ keys: culprit(print, ['inner', 'outer'], 'width'), message: tooSmall('inner and outer', p.margins.inner + p.margins.outer, across, p.trimWidth, 'width') });
  }
  const down = p.trimHeight - p.margins.top - p.margins.bottom;
  if (down < minTextBlock) {
    problems.push({ keys: culprit(print, ['top', 'bottom'], 'height'), message: tooSmall('top and bottom', p.margins.top + p.margins.bottom, down, p.trimHeight, 'height') });
  }
  return problems;
}

/** The key the author wrote that shrinks the text block: one of the two margins, else the trim. */
function culprit(print: PrintFile, pair: MarginName[], side: 'width' | 'height'): [string, ...string[]] {
  const margin = pair.find((name) => print.margins?.[name] !== undefined);
  if (margin) return ['margins', margin];
  return typeof print.trim === 'object' ? ['trim', side] : ['trim'];
}

/** Why a text block is too small, with the numbers an author needs to fix it. */
function tooSmall(margins: string, total: number, left: number, page: number, side: 'width' | 'height'): string {
  const room = left > 0 ? `${mm(left)}mm` : 'nothing';
  return `the ${margins} margins (${mm(total)}mm together) leave ${room} of the ${mm(page)}mm page ${side} for text; the text block must be at least ${minTextBlock}mm`;
}

/** Millimetres rounded for messages. */
function mm(value: number): string {
  return String(Math.round(value * 10) / 10);
}
