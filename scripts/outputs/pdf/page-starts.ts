/**
 * Where each printed page's text begins, read from the page's content stream: the EPUB's page-list
 * places its page-break markers by it. Chromium tags body text as marked content with an MCID and
 * draws the running heads outside it (folios are added later, at assembly), so the text a page
 * holds is the glyphs inside MCID-marked content, decoded through each font's ToUnicode CMap.
 * Reading the marks already printed costs one pass over each page's stream and no second layout.
 */
import { PDFDict, PDFName, PDFRawStream, PDFRef, type PDFPage } from 'pdf-lib';
import { contentOf, decoded } from './page-fill.js';

/** The body text of one printed page, with white space left out. */
export interface PageText {
  /** The page's first characters (up to `headLength`). */
  head: string;
  /** How many characters the page holds in all. */
  length: number;
}

/** Enough characters to find a page's start again in the same text, whatever repeats in it. */
export const headLength = 48;

/** A font's code length in bytes, its codes' text, and how many characters of it count (white space does not). */
interface Decoder {
  bytes: number;
  text: Map<number, string>;
  counted: Map<number, number>;
}

// What the walk over a content stream follows: marked-content operators and their MCID or
// Artifact tags, font changes, and glyph strings (hex, as Chromium writes them, or literal).
const tokenPattern = /\/MCID\b|\/Artifact\b|\b(BDC|BMC|EMC)\b|\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf\b|<([0-9A-Fa-f\s]*)>(?!>)|\(((?:\\[\s\S]|[^\\)])*)\)/g;

/** Characters that are not text to compare: white space, soft hyphens and zero-width marks. */
export const ignored = /^[\s\u00ad\u200b-\u200d\u2060\ufeff]$/u;

/** The body text of every page of a printed document (`pages`). */
export function pageTexts(pages: PDFPage[]): PageText[] {
  const decoders = new Map<PDFRef, Decoder | undefined>();
  return pages.map((page) => pageText(page, decoders));
}

/** One page's text; `decoders` holds each font's decoder by its object, parsed once per document. */
function pageText(page: PDFPage, decoders: Map<PDFRef, Decoder | undefined>): PageText {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  const byName = new Map<string, Decoder | undefined>();
  // The open marked-content sequences: whether each is body text (an MCID and no Artifact).
  const marked: boolean[] = [];
  let body = 0;
  let mcid = false;
  let artifact = false;
  let font: Decoder | undefined;
  let head = '';
  let length = 0;
  for (const match of contentOf(page).matchAll(tokenPattern)) {
    const [token, operator, fontName, hex, literal] = match;
    if (token === '/MCID') mcid = true;
    else if (token === '/Artifact') artifact = true;
    else if (operator === 'EMC') body -= marked.pop() ? 1 : 0;
    else if (operator) {
      marked.push(mcid && !artifact);
      body += mcid && !artifact ? 1 : 0;
      mcid = artifact = false;
    } else if (fontName !== undefined) {
      if (!byName.has(fontName)) byName.set(fontName, decoderOf(fonts, fontName, decoders));
      font = byName.get(fontName);
    } else if (font && body > 0 && marked.length === body) {
      for (const code of hex === undefined ? literalCodes(literal ?? '', font.bytes) : hexCodes(hex, font.bytes)) {
        length += font.counted.get(code) ?? 0;
        // Only the head is decoded: counting the rest needs no text.
        if (head.length < headLength) head += [...(font.text.get(code) ?? '')].filter((c) => !ignored.test(c)).join('');
      }
    }
  }
  return { head: head.slice(0, headLength), length };
}

/** The decoder of the font a page's resources name `name`; `decoders` keeps those already parsed. */
function decoderOf(fonts: PDFDict | undefined, name: string, decoders: Map<PDFRef, Decoder | undefined>): Decoder | undefined {
  const entry = fonts?.get(PDFName.of(name));
  if (!fonts || !entry) return undefined;
  if (entry instanceof PDFRef && decoders.has(entry)) return decoders.get(entry);
  const dict = fonts.lookupMaybe(PDFName.of(name), PDFDict);
  const cmap = dict?.lookup(PDFName.of('ToUnicode'));
  const decoder = cmap instanceof PDFRawStream ? parseCMap(decoded(cmap).toString('latin1'), dict?.get(PDFName.of('Subtype')) === PDFName.of('Type0') ? 2 : 1) : undefined;
  if (entry instanceof PDFRef) decoders.set(entry, decoder);
  return decoder;
}

/** A ToUnicode CMap's `bfchar` and `bfrange` entries; `bytes` is the code length unless the CMap says otherwise. */
export function parseCMap(cmap: string, bytes: number): Decoder {
  const text = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap);
  for (const [, block = ''] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code = '', value = ''] of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) text.set(parseInt(code, 16), utf16(value));
  }
  for (const [, block = ''] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low = '', high = '', first, list] of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])/g)) {
      const from = parseInt(low, 16);
      const to = parseInt(high, 16);
      const values = list === undefined ? undefined : [...list.matchAll(/<([0-9A-Fa-f]*)>/g)].map((m) => utf16(m[1] ?? ''));
      for (let code = from; code <= to; code++) {
        // A range's destination counts up in its last UTF-16 unit.
        const value = values ? values[code - from] : first === undefined ? undefined : shiftLast(utf16(first), code - from);
        if (value !== undefined) text.set(code, value);
      }
    }
  }
  const counted = new Map([...text].map(([code, value]) => [code, [...value].filter((c) => !ignored.test(c)).length]));
  return { bytes: space ? (space[1] as string).length / 2 : bytes, text, counted };
}

/** A hex string of UTF-16BE units as text. */
function utf16(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** `text` with its last UTF-16 unit moved up by `by`. */
function shiftLast(text: string, by: number): string {
  return by === 0 || !text ? text : text.slice(0, -1) + String.fromCharCode(text.charCodeAt(text.length - 1) + by);
}

/** The codes of a hex glyph string, `bytes` long each. */
function hexCodes(hex: string, bytes: number): number[] {
  const codes: number[] = [];
  let code = 0;
  let digits = 0;
  for (let i = 0; i < hex.length; i++) {
    const c = hex.charCodeAt(i);
    // 0-9, A-F, a-f; white space between digits is allowed and skipped.
    const value = c <= 57 ? c - 48 : (c | 32) - 87;
    if (c <= 32) continue;
    code = code * 16 + value;
    if (++digits === 2 * bytes) {
      codes.push(code);
      code = digits = 0;
    }
  }
  return codes;
}

/** The codes of a literal glyph string's body (its escapes resolved), `bytes` long each. */
function literalCodes(body: string, bytes: number): number[] {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const text = body.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8) & 0xff) : e === '\n' ? '' : (escapes[e] ?? e)));
  const codes: number[] = [];
  for (let i = 0; i + bytes <= text.length; i += bytes) {
    let code = 0;
    for (let k = 0; k < bytes; k++) code = code * 256 + text.charCodeAt(i + k);
    codes.push(code);
  }
  return codes;
}
