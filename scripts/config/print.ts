/** Page geometry for the print PDF: trim presets, margins and bleed, all resolved to millimetres. */
import type { BookFile } from './schema.js';

export interface PrintConfig {
  trimWidth: number;
  trimHeight: number;
  margins: { top: number; bottom: number; inner: number; outer: number };
  bleed: number;
  cropMarks: boolean;
  romanFrontMatter: boolean;
  fontSize: number;
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
export function resolvePrint(print: NonNullable<BookFile['print']>): PrintConfig {
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
  };
}
