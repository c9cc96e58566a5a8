/**
 * Web fonts for the print documents, taken from the Fontsource packages. Their split woff2 files
 * embed in Chromium's PDFs as CID TrueType subsets, where the system's CFF-based CJK fonts and any
 * glyph Chromium fakes (a bold made by hand) turn into Type 3 fonts that print shops reject. Each
 * face keeps Fontsource's unicode-range, so a chapter loads only the slices it actually uses, and
 * a family later in a stack costs nothing until a character needs it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Fontkit from '@pdf-lib/fontkit';
import { Cache } from '../../cache/cache.js';
import { cjkScript } from '../../config/language.js';

const require = createRequire(import.meta.url);

/** A Fontsource family: the CSS files of the faces the print stylesheet uses. */
interface PrintFont {
  family: string;
  pkg: string;
  /** Fontsource's per-face CSS files (`400.css`, `700-italic.css`). */
  faces: string[];
}

/** A family in regular and bold, upright only. */
function family(name: string, pkg: string, faces = ['400', '700']): PrintFont {
  return { family: name, pkg, faces };
}

const korean = family('Noto Serif KR', '@fontsource/noto-serif-kr');
const japanese = family('Noto Serif JP', '@fontsource/noto-serif-jp');
const simplifiedChinese = family('Noto Serif SC', '@fontsource/noto-serif-sc');
const traditionalChinese = family('Noto Serif TC', '@fontsource/noto-serif-tc');
// Latin, Greek and Cyrillic with true italics: the first family of books in those scripts.
const latin = family('Noto Serif', '@fontsource/noto-serif', ['400', '700', '400-italic', '700-italic']);
// Scripts that no CJK or Latin family covers, so that a quotation in them never prints as boxes.
const otherScripts = [
  family('Noto Naskh Arabic', '@fontsource/noto-naskh-arabic'),
  family('Noto Serif Hebrew', '@fontsource/noto-serif-hebrew'),
  family('Noto Serif Thai', '@fontsource/noto-serif-thai'),
  family('Noto Serif Devanagari', '@fontsource/noto-serif-devanagari'),
];
// Monochrome outlines: color emoji fonts print as bitmaps or Type 3, and vary by machine.
const emoji = family('Noto Emoji', '@fontsource/noto-emoji');
// A coding font with Hangul, so Korean comments in code keep the monospace grid.
const code = family('Nanum Gothic Coding', '@fontsource/nanum-gothic-coding');

const cjk = [korean, japanese, simplifiedChinese, traditionalChinese];

/** The CJK family whose Han forms the readers of `language` expect (한자, 漢字, 汉字), if any. */
function cjkFamilyFor(language: string): PrintFont | undefined {
  const script = cjkScript(language);
  return script && { ko: korean, ja: japanese, 'zh-Hans': simplifiedChinese, 'zh-Hant': traditionalChinese }[script];
}

/** The body text's families for a book in `language`, in fallback order. */
function serifFamilies(language: string): PrintFont[] {
  const own = cjkFamilyFor(language);
  // A CJK family's own Latin matches its ideographs; other books start with a true Latin serif.
  const first = own ? [own, latin] : [latin];
  return [...first, ...cjk.filter((f) => f !== own), ...otherScripts, emoji];
}

/** A list of families as a CSS font-family value, ending with a generic family. */
function fontFamilyValue(families: PrintFont[], generic: string): string {
  return [...families.map((f) => `"${f.family}"`), generic].join(', ');
}

/** The font-family value of body text for a book in `language`. */
export function serifStack(language: string): string {
  return fontFamilyValue(serifFamilies(language), 'serif');
}

/** The font-family value of code for a book in `language`: the coding font, then the text's families. */
export function monoStack(language: string): string {
  return fontFamilyValue([code, ...serifFamilies(language)], 'monospace');
}

/**
 * The custom properties print.css sets its type with, so one stylesheet serves every language
 * (`font-family: var(--book-serif)`).
 */
export function fontVariablesCss(language: string): string {
  return `:root { --book-serif: ${serifStack(language)}; --book-mono: ${monoStack(language)}; --book-code-size: ${codeSizeRatio(language).toFixed(3)}em; }`;
}

/**
 * How large inline code is set, relative to the text, so that its lowercase letters stand as tall
 * as the text's: the ratio of the heights of `x` in the two families' Latin slices. CSS
 * font-size-adjust would go by the x-heights the fonts declare instead, and Nanum Gothic Coding
 * declares 498/1000 where its `x` stands 458 high.
 */
export function codeSizeRatio(language: string): number {
  return xHeight(serifFamilies(language)[0] as PrintFont) / xHeight(code);
}

/** The height of a family's `x` in ems, measured from the outline in its Latin slice. */
function xHeight(font: PrintFont): number {
  const key = xHeights.key(font.pkg);
  let height = xHeights.get(key);
  if (height === undefined) {
    // fontkit is loaded here, on first use: it costs about 0.4 s of CPU, which a build that
    // takes its PDF and its drawings from the cache (every build loads this module) never spends.
    const face = (require('@pdf-lib/fontkit') as typeof Fontkit).create(readFileSync(path.join(fontsourceDir(font.pkg), 'files', `${path.basename(font.pkg)}-latin-400-normal.woff`)));
    height = face.glyphForCodePoint(0x78).bbox.maxY / face.unitsPerEm;
    xHeights.set(key, height);
  }
  return height;
}

// What the faces' CSS files say, read once per process. They belong to the installed packages,
// which change only with the tool (its version is in every key): a fixed set, never swept.
const fontFiles = new Cache();
const facesCss = fontFiles.namespace<string>('font-faces');
const ranges = fontFiles.namespace<[number, number][]>('font-ranges');
const xHeights = fontFiles.namespace<number>('x-heights');
const slices = fontFiles.namespace<SliceIndex>('font-slices');

/** The folder of an installed Fontsource package. */
export function fontsourceDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

/**
 * Every @font-face rule of the families a book in `language` prints with: the code font and the
 * first body family always, a fallback family only when one of the book's characters (`used`)
 * falls in its ranges and in none of the families before it. A Korean book without Thai never
 * lists the Thai faces, and the stylesheet (a key of the chapter cache) changes only when the
 * book first needs a new family.
 */
export function fontFaceCss(language: string, used: ReadonlySet<number>): string {
  const [first, ...fallbacks] = serifFamilies(language).map((font) => ({ font, ranges: rangesOf(font) })) as [Ranged, ...Ranged[]];
  // Judged on the body's stack: code falls back to the same families after the coding font, so
  // what body text needs covers what code needs.
  const chosen = [first];
  for (const family of fallbacks) {
    const needed = [...used].some((c) => covers(family.ranges, c) && !chosen.some((f) => covers(f.ranges, c)));
    if (needed) chosen.push(family);
  }
  return [code, ...chosen.map((c) => c.font)].flatMap(({ pkg, faces }) => faces.map((face) => facesOf(pkg, face))).join('\n');
}

/**
 * The code points among `used` that none of the print fonts has (spaces and invisible format
 * characters aside): Chromium falls back to a system font for them, which may print as Type 3 or
 * as boxes.
 */
export function missingGlyphs(language: string, used: Iterable<number>): number[] {
  const families = [code, ...serifFamilies(language)].map(rangesOf);
  return [...used].filter((c) => !/[\p{C}\p{Z}]/u.test(String.fromCodePoint(c)) && !families.some((r) => covers(r, c))).sort((a, b) => a - b);
}

/** A family with the code points its faces declare. */
interface Ranged {
  font: PrintFont;
  ranges: [number, number][];
}

/**
 * The code points a family's faces declare in their unicode-range, as sorted disjoint ranges.
 * Looked up once per family and call, not once per character: a cache key costs a hash.
 */
function rangesOf(font: PrintFont): [number, number][] {
  const face = font.faces[0] as string;
  const key = ranges.key(font.pkg, face);
  let merged = ranges.get(key);
  if (!merged) {
    const all = [...facesOf(font.pkg, face).matchAll(/U\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?/g)]
      .map((m): [number, number] => [parseInt(m[1] as string, 16), parseInt(m[2] ?? (m[1] as string), 16)])
      .sort((a, b) => a[0] - b[0]);
    merged = [];
    for (const [start, end] of all) {
      const last = merged.at(-1);
      if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    ranges.set(key, merged);
  }
  return merged;
}

/**
 * Which slices (one woff2 file each, numbered in no particular order) hold a code point in their
 * unicode-range, across every face the print stacks can use: the slices of one face all carry the
 * same font name, so once Chromium has subset them only the code points they hold tell them apart.
 */
export function sliceFinder(): (codePoint: number) => readonly number[] {
  const key = slices.key('all');
  let index = slices.get(key);
  if (!index) {
    index = sliceIndex();
    slices.set(key, index);
  }
  const { starts, slices: holding } = index;
  return (codePoint) => {
    // The last interval starting at or before the code point.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= codePoint) low = mid;
      else high = mid - 1;
    }
    return (starts[low] as number) <= codePoint ? (holding[low] as number[]) : [];
  };
}

/** Code points cut at every slice's range boundaries: interval i runs from starts[i] up to starts[i + 1] and lies in slices[i]. */
interface SliceIndex {
  starts: number[];
  slices: number[][];
}

/** Builds the index `sliceFinder` searches, from every print face's CSS, one id per distinct unicode-range. */
function sliceIndex(): SliceIndex {
  const seen = new Set<string>();
  for (const { pkg, faces } of [code, latin, ...cjk, ...otherScripts, emoji]) {
    for (const face of faces) for (const [, range] of facesOf(pkg, face).matchAll(/unicode-range:([^;]+);/g)) seen.add((range as string).trim());
  }
  // +id where a slice's range starts, -id just past where it ends, swept in code point order.
  const events: [number, number][] = [];
  [...seen].forEach((range, id) => {
    for (const m of range.matchAll(/U\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?/g)) {
      events.push([parseInt(m[1] as string, 16), id + 1], [parseInt(m[2] ?? (m[1] as string), 16) + 1, -(id + 1)]);
    }
  });
  events.sort((a, b) => a[0] - b[0]);
  const active = new Map<number, number>();
  const index: SliceIndex = { starts: [], slices: [] };
  for (let i = 0; i < events.length; i++) {
    const [at, change] = events[i] as [number, number];
    const id = Math.abs(change) - 1;
    const count = (active.get(id) ?? 0) + Math.sign(change);
    if (count) active.set(id, count);
    else active.delete(id);
    if (events[i + 1]?.[0] === at) continue;
    index.starts.push(at);
    index.slices.push([...active.keys()].sort((a, b) => a - b));
  }
  return index;
}

/** Whether a family's ranges (`rangesOf`) hold the code point. */
function covers(list: [number, number][], codePoint: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = list[mid] as [number, number];
    if (codePoint < start) high = mid - 1;
    else if (codePoint > end) low = mid + 1;
    else return true;
  }
  return false;
}

/**
 * One face's rules from the package's CSS, with absolute woff2 URLs and the woff fallback
 * dropped. The hundred small Hangul slices print faster than the package's single 1 MB "korean"
 * file, which Chromium subsets again for every chapter document (bench/what-we-tried.md).
 */
function facesOf(pkg: string, face: string): string {
  const key = facesCss.key(pkg, face);
  let css = facesCss.get(key);
  if (css === undefined) {
    const dir = fontsourceDir(pkg);
    const base = pathToFileURL(path.join(dir, 'files')).href;
    css = readFileSync(path.join(dir, `${face}.css`), 'utf8')
      .replace(/\/\*[^*]*\*\//g, '')
      .replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)[^;]*;/g, (_, file: string) => `src: url(${base}/${file}) format('woff2');`)
      .replace(/^\s*font-display:[^;]*;\n/gm, '')
      .replace(/\n{2,}/g, '\n');
    facesCss.set(key, css);
  }
  return css;
}

/**
 * The Latin slice of the book's first body family as WOFF, small enough for fontkit to parse
 * quickly, with the PostScript name the folios' subset gets.
 */
export function folioFont(language: string): { bytes: Buffer; name: string } {
  const first = serifFamilies(language)[0] as PrintFont;
  const file = `${path.basename(first.pkg)}-latin-400-normal.woff`;
  return { bytes: readFileSync(path.join(fontsourceDir(first.pkg), 'files', file)), name: `${first.family.replace(/ /g, '')}-Regular` };
}
