/**
 * One embedded font per face for the whole book. Chromium prints every chapter as its own
 * document and embeds, in each, a subset of every Fontsource slice the chapter used, so a Korean
 * or Chinese book carries the same slices once per chapter. Its subsets keep the slice's own glyph
 * ids (`/CIDToGIDMap /Identity`, CID = glyph id), so the subsets of one slice merge without
 * renumbering anything: each glyph comes from whichever chapter holds it, widths and the
 * ToUnicode map are the union, and every page's font resources point at the merged font. Subsets
 * are told apart by their PostScript name (shared by every slice of a face) and by the slice whose
 * unicode-range holds their characters; any disagreement between two subsets (a glyph, a metric,
 * a character, a code point) keeps them apart, so a merge never changes what a page shows or
 * what its text copies as.
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFDocument } from 'pdf-lib';
import { sliceFinder } from './fonts.js';

const N = PDFName.of;

/** A glyph's horizontal or vertical metrics: advance and side bearing, in font units. */
type Metric = [number, number];

/** hmtx or vmtx read out for every glyph id (typed arrays: a book has thousands of subsets). */
interface Metrics {
  advance: Uint16Array;
  side: Int16Array;
}

/** A subset's TrueType program, read out. */
interface Program {
  tables: Map<string, Buffer>;
  /** Number of glyph ids, the glyf table and where each glyph starts in it (one more entry than glyphs). */
  count: number;
  glyf: Buffer;
  offsets: Uint32Array;
  hmtx: Metrics;
  vmtx: Metrics | undefined;
  /** Code point → glyph id, from the subset's cmap. */
  cmap: Map<number, number>;
  unitsPerEm: number;
}

/** One embedded CID TrueType subset, read from the PDF. */
interface Subset extends Program {
  /** The Type0 font that pages use. */
  ref: PDFRef;
  font: PDFDict;
  descendant: PDFDict;
  descriptor: PDFDict;
  /** The indirect objects only this font uses, dropped once it is merged away. */
  owned: PDFRef[];
  /** The PostScript name, without the subset tag. */
  name: string;
  /** CID → the UTF-16BE hex text its ToUnicode map gives. */
  toUnicode: Map<number, string>;
}

/** Reads a flate stream's contents, once for all the streams that hold the same bytes. */
type StreamReader<T> = (stream: PDFRawStream) => T | undefined;

/** Subsets of one face that agree on everything they both hold, with the union of what they hold. */
interface Face {
  /** Name, units per em and tables, which every member shares. */
  key: string;
  /** The slices every member's code points could come from; undefined while no member has any. */
  slices: Set<number> | undefined;
  members: Subset[];
  glyphs: (Buffer | undefined)[];
  hmtx: (Metric | undefined)[];
  vmtx: (Metric | undefined)[];
  cmap: Map<number, number>;
  toUnicode: Map<number, string>;
}

/** What the merge did: the subsets it read and the faces it made of them. */
export interface FontMergeStats {
  subsets: number;
  faces: number;
}

/**
 * Merges the book's embedded subsets into one font per face and drops the duplicates from the
 * document. Fonts it cannot read as Chromium's CID TrueType subsets are left as they are.
 */
export function mergeFontSubsets(book: PDFDocument): FontMergeStats {
  const ctx = book.context;
  const subsets: Subset[] = [];
  const otherNames = new Set<string>();
  const objects = ctx.enumerateIndirectObjects().sort(([a], [b]) => a.objectNumber - b.objectNumber);
  // Chapters that use the same glyphs of a slice embed byte-identical subsets (most of a Korean
  // book's, a third of a Chinese one's): each distinct stream is inflated and parsed once.
  const programs = byContents(readProgram);
  const toUnicodeMaps = byContents(readToUnicode);
  for (const [ref, object] of objects) {
    if (!(object instanceof PDFDict) || object.get(N('Type')) !== N('Font') || object.get(N('Subtype')) === N('CIDFontType2')) continue;
    const subset = readSubset(ref, object, programs, toUnicodeMaps);
    if (subset) subsets.push(subset);
    else if (object.get(N('BaseFont')) instanceof PDFName) otherNames.add((object.get(N('BaseFont')) as PDFName).decodeText());
  }
  const faces = groupFaces(subsets);
  const replaced = new Map<PDFRef, PDFRef>();
  let tagIndex = 0;
  for (const face of faces) {
    let tag: string;
    do tag = subsetTag(tagIndex++);
    while (otherNames.has(`${tag}+${face.members[0]?.name}`));
    const fontName = `${tag}+${(face.members[0] as Subset).name}`;
    if (face.members.length === 1) {
      // Alone in the book: kept as printed, only named apart from the other faces' subsets.
      rename(face.members[0] as Subset, fontName);
      continue;
    }
    const merged = writeFace(ctx, face, fontName);
    for (const member of face.members) {
      replaced.set(member.ref, merged);
      for (const owned of member.owned) ctx.delete(owned);
    }
  }
  if (replaced.size) repointResources(ctx, replaced);
  return { subsets: subsets.length, faces: faces.length };
}

/** Chromium-style subset tags: AAAAAA, BAAAAA, … for the n-th face. */
function subsetTag(n: number): string {
  let tag = '';
  for (let i = 0, rest = n; i < 6; i++, rest = Math.floor(rest / 26)) tag += String.fromCharCode(65 + (rest % 26));
  return tag;
}

/** A Type0 font as a Chromium subset (Identity-H, CIDFontType2 with identity CID-to-glyph map, flate FontFile2 and ToUnicode), or undefined. */
function readSubset(ref: PDFRef, font: PDFDict, programs: StreamReader<Program>, toUnicodeMaps: StreamReader<Map<number, string>>): Subset | undefined {
  const base = font.get(N('BaseFont'));
  const name = base instanceof PDFName ? /^[A-Z]{6}\+(.+)$/.exec(base.decodeText())?.[1] : undefined;
  if (!name || font.get(N('Subtype')) !== N('Type0') || font.get(N('Encoding')) !== N('Identity-H')) return undefined;
  const descendants = font.lookupMaybe(N('DescendantFonts'), PDFArray);
  const descendant = descendants?.size() === 1 ? descendants.lookup(0) : undefined;
  if (!(descendant instanceof PDFDict) || descendant.get(N('Subtype')) !== N('CIDFontType2') || descendant.get(N('CIDToGIDMap')) !== N('Identity')) return undefined;
  const descriptor = descendant.lookupMaybe(N('FontDescriptor'), PDFDict);
  const file = descriptor?.lookup(N('FontFile2'));
  const toUnicodeStream = font.lookup(N('ToUnicode'));
  const program = file instanceof PDFRawStream ? programs(file) : undefined;
  const toUnicode = toUnicodeStream instanceof PDFRawStream ? toUnicodeMaps(toUnicodeStream) : undefined;
  if (!descriptor || !program || !toUnicode) return undefined;
  const subset: Subset = {
    ...program,
    ref, font, descendant, descriptor, name, toUnicode,
    owned: [ref, descendants?.get(0), font.get(N('DescendantFonts')), descendant.get(N('FontDescriptor')), descriptor.get(N('FontFile2')), font.get(N('ToUnicode')), descendant.get(N('W'))].filter((r): r is PDFRef => r instanceof PDFRef),
  };
  // The merged widths are the glyphs' advances, which is what Chromium writes: a subset whose
  // widths say otherwise is left alone rather than have its text move.
  return explicitWidths(descendant).every(([cid, width]) => !retained(subset, cid) || width === pdfWidth(subset.hmtx.advance[cid] as number, subset.unitsPerEm)) ? subset : undefined;
}

/** A TrueType font program's tables, glyphs, metrics and cmap, or undefined when it lacks one of them. */
function readProgram(fontData: Buffer): Program | undefined {
  const tables = readSfnt(fontData);
  const head = tables?.get('head');
  const maxp = tables?.get('maxp');
  const hhea = tables?.get('hhea');
  if (!tables || !head || !maxp || !hhea || !tables.has('glyf') || !tables.has('loca') || !tables.has('hmtx')) return undefined;
  const count = maxp.readUInt16BE(4);
  const glyf = tables.get('glyf') as Buffer;
  const offsets = readLoca(tables.get('loca') as Buffer, count, head.readInt16BE(50), glyf.length);
  const hmtx = readMetrics(tables.get('hmtx') as Buffer, count, hhea.readUInt16BE(34));
  const vhea = tables.get('vhea');
  const vmtxTable = tables.get('vmtx');
  const vmtx = vhea && vmtxTable ? readMetrics(vmtxTable, count, vhea.readUInt16BE(34)) : undefined;
  if (!offsets || !hmtx || (vhea && !vmtx)) return undefined;
  return { tables, count, glyf, offsets, hmtx, vmtx, unitsPerEm: head.readUInt16BE(18), cmap: readCmap(tables.get('cmap')) };
}

/**
 * `read` applied to the decoded contents of flate streams (undefined for any other filter),
 * remembered by their encoded bytes: the same bytes are inflated and read once, and give the very
 * same (never modified) result.
 */
function byContents<T>(read: (data: Buffer) => T | undefined): StreamReader<T> {
  // By checksum first (native, faster than inflating), then byte for byte. Not by length: the
  // ToUnicode maps of distinct subsets share lengths, 200,000 comparisons on a 100-chapter book.
  const seen = new Map<number, { contents: Uint8Array; value: T | undefined }[]>();
  return (stream) => {
    if (stream.dict.get(N('Filter')) !== N('FlateDecode') || stream.dict.has(N('DecodeParms'))) return undefined;
    const { contents } = stream;
    const sum = crc32(contents);
    const sameSum = seen.get(sum) ?? [];
    const known = sameSum.find((entry) => Buffer.compare(entry.contents, contents) === 0);
    if (known) return known.value;
    const data = inflatedOrUndefined(contents);
    const value = data && read(data);
    sameSum.push({ contents, value });
    seen.set(sum, sameSum);
    return value;
  };
}

/** Flate-compressed bytes decoded, or undefined when they are not a valid zlib stream (the font then stays as it is). */
function inflatedOrUndefined(contents: Uint8Array): Buffer | undefined {
  try {
    return inflateSync(contents);
  } catch {
    return undefined;
  }
}

/** The tables of a TrueType font program, or undefined if it is not one. */
function readSfnt(data: Buffer): Map<string, Buffer> | undefined {
  if (data.length < 12 || (data.readUInt32BE(0) !== 0x00010000 && data.toString('latin1', 0, 4) !== 'true')) return undefined;
  const tables = new Map<string, Buffer>();
  const count = data.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const offset = data.readUInt32BE(at + 8);
    const length = data.readUInt32BE(at + 12);
    if (offset + length > data.length) return undefined;
    tables.set(data.toString('latin1', at, at + 4), data.subarray(offset, offset + length));
  }
  return tables;
}

/** Where each glyph starts in glyf, from loca (short or long offsets), or undefined when they run past it. */
function readLoca(loca: Buffer, count: number, format: number, glyfLength: number): Uint32Array | undefined {
  if (loca.length < (count + 1) * (format === 0 ? 2 : 4)) return undefined;
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i <= count; i++) {
    offsets[i] = format === 0 ? loca.readUInt16BE(i * 2) * 2 : loca.readUInt32BE(i * 4);
    if (offsets[i] > glyfLength || (i > 0 && (offsets[i] as number) < (offsets[i - 1] as number))) return undefined;
  }
  return offsets;
}

/** hmtx or vmtx: the long metrics, then side bearings that reuse the last advance. */
function readMetrics(table: Buffer, count: number, long: number): Metrics | undefined {
  if (long < 1 || table.length < long * 4 + Math.max(0, count - long) * 2) return undefined;
  const advance = new Uint16Array(count);
  const side = new Int16Array(count);
  for (let i = 0; i < count; i++) {
    advance[i] = table.readUInt16BE(Math.min(i, long - 1) * 4);
    side[i] = i < long ? table.readInt16BE(i * 4 + 2) : table.readInt16BE(long * 4 + (i - long) * 2);
  }
  return { advance, side };
}

/** Code point → glyph id from a cmap's format 4 and 12 subtables. */
function readCmap(table: Buffer | undefined): Map<number, number> {
  const map = new Map<number, number>();
  if (!table) return map;
  const seen = new Set<number>();
  for (let i = 0; i < table.readUInt16BE(2); i++) {
    const offset = table.readUInt32BE(8 + 8 * i);
    if (seen.has(offset)) continue;
    seen.add(offset);
    const format = table.readUInt16BE(offset);
    if (format === 4) {
      const segments = table.readUInt16BE(offset + 6) / 2;
      const ends = offset + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const rangeOffsets = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const start = table.readUInt16BE(starts + s * 2);
        const end = table.readUInt16BE(ends + s * 2);
        const delta = table.readUInt16BE(deltas + s * 2);
        const rangeOffset = table.readUInt16BE(rangeOffsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const raw = rangeOffset === 0 ? c : table.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
          const glyph = rangeOffset !== 0 && raw === 0 ? 0 : (raw + delta) & 0xffff;
          if (glyph) map.set(c, glyph);
        }
      }
    } else if (format === 12) {
      for (let g = 0; g < table.readUInt32BE(offset + 12); g++) {
        const at = offset + 16 + g * 12;
        const start = table.readUInt32BE(at);
        for (let c = start; c <= table.readUInt32BE(at + 4); c++) map.set(c, table.readUInt32BE(at + 8) + c - start);
      }
    }
  }
  return map;
}

/** CID → UTF-16BE hex from a ToUnicode CMap's bfchar and bfrange blocks. */
function readToUnicode(data: Buffer): Map<number, string> {
  const text = data.toString('latin1');
  const map = new Map<number, string>();
  for (const [, block] of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, cid, target] of (block as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) map.set(parseInt(cid as string, 16), (target as string).toUpperCase());
  }
  for (const [, block] of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, target] of (block as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const first = parseInt(low as string, 16);
      const last = parseInt(high as string, 16);
      const targets = [...(target as string).matchAll(/<([0-9A-Fa-f]*)>/g)].map((m) => (m[1] as string).toUpperCase());
      for (let cid = first; cid <= last; cid++) {
        // `[<d1> <d2> …]` gives each CID its own text; a single `<d>` counts up in its last unit.
        const hex = (target as string).startsWith('[') ? targets[cid - first] : incremented(targets[0] ?? '', cid - first);
        if (hex !== undefined) map.set(cid, hex);
      }
    }
  }
  return map;
}

/** A UTF-16BE hex string with its last 16-bit unit increased by `by`. */
function incremented(hex: string, by: number): string {
  if (hex.length < 4) return hex;
  const last = (parseInt(hex.slice(-4), 16) + by) & 0xffff;
  return hex.slice(0, -4) + last.toString(16).toUpperCase().padStart(4, '0');
}

/** The [CID, width] pairs a CIDFont's /W array lists. */
function explicitWidths(descendant: PDFDict): [number, number][] {
  const w = descendant.lookupMaybe(N('W'), PDFArray);
  const pairs: [number, number][] = [];
  for (let i = 0; w && i < w.size(); ) {
    const first = w.get(i);
    const next = w.get(i + 1);
    if (!(first instanceof PDFNumber)) break;
    if (next instanceof PDFArray) {
      next.asArray().forEach((width, j) => pairs.push([first.asNumber() + j, (width as PDFNumber).asNumber()]));
      i += 2;
    } else {
      const last = (next as PDFNumber).asNumber();
      const width = (w.get(i + 2) as PDFNumber).asNumber();
      for (let cid = first.asNumber(); cid <= last; cid++) pairs.push([cid, width]);
      i += 3;
    }
  }
  return pairs;
}

/** A glyph's width in the PDF's thousandths of an em. */
function pdfWidth(advance: number, unitsPerEm: number): number {
  return Math.round((advance * 1000) / unitsPerEm);
}

/** Whether a subset holds the glyph (its retain-gids numbering leaves the others empty, with no advance). */
function retained(subset: Subset, gid: number): boolean {
  return (subset.offsets[gid + 1] as number) > (subset.offsets[gid] as number) || (subset.hmtx.advance[gid] as number) > 0;
}

/** A subset's glyph and its metrics. */
function glyphOf(subset: Subset, gid: number): { glyph: Buffer; h: Metric; v: Metric | undefined } {
  const { offsets, hmtx, vmtx } = subset;
  return {
    glyph: subset.glyf.subarray(offsets[gid], offsets[gid + 1]),
    h: [hmtx.advance[gid] as number, hmtx.side[gid] as number],
    v: vmtx && [vmtx.advance[gid] as number, vmtx.side[gid] as number],
  };
}

/**
 * The subsets grouped into faces, in the order they appear. A subset joins a face of the same
 * name that it contradicts in nothing and whose slice it may come from: the slices whose
 * unicode-range holds most of its code points (several when the ranges overlap, as the digits of
 * some CJK slices and the Latin one do). Of such faces it joins the one it shares most glyphs
 * with, then the one it narrows least.
 */
function groupFaces(subsets: Subset[]): Face[] {
  const faces: Face[] = [];
  const byKey = new Map<string, Face[]>();
  const slicesHolding = sliceFinder();
  // Byte-identical subsets share one cmap (byContents): their slices are counted once.
  const slicesOf = new Map<Map<number, number>, Set<number> | undefined>();
  for (const subset of subsets) {
    if (!slicesOf.has(subset.cmap)) {
      const tally = new Map<number, number>();
      for (const codePoint of subset.cmap.keys()) for (const slice of slicesHolding(codePoint)) tally.set(slice, (tally.get(slice) ?? 0) + 1);
      const most = Math.max(0, ...tally.values());
      slicesOf.set(subset.cmap, tally.size ? new Set([...tally].filter(([, n]) => n === most).map(([i]) => i)) : undefined);
    }
    const slices = slicesOf.get(subset.cmap);
    const key = `${subset.name}|${subset.unitsPerEm}|${[...subset.tables.keys()].sort().join(',')}`;
    const candidates = byKey.get(key) ?? [];
    byKey.set(key, candidates);
    let best: { face: Face; shared: number; slices: Set<number> | undefined } | undefined;
    for (const face of candidates) {
      // A face per slice of the same name: most candidates share no slice, and are passed over without building a set.
      if (slices && face.slices && !overlaps(slices, face.slices)) continue;
      const common = !face.slices ? slices : !slices ? face.slices : new Set([...slices].filter((i) => face.slices?.has(i)));
      const shared = sharedGlyphs(face, subset);
      if (shared === undefined) continue;
      if (!best || shared > best.shared || (shared === best.shared && (common?.size ?? Infinity) > (best.slices?.size ?? Infinity))) best = { face, shared, slices: common };
    }
    if (best) {
      best.face.slices = best.slices;
      absorb(best.face, subset);
    } else {
      const fresh = absorb({ key, slices, members: [], glyphs: [], hmtx: [], vmtx: [], cmap: new Map(), toUnicode: new Map() }, subset);
      candidates.push(fresh);
      faces.push(fresh);
    }
  }
  return faces;
}

/** Whether two sets have a member in common. */
function overlaps(a: Set<number>, b: Set<number>): boolean {
  for (const i of a) if (b.has(i)) return true;
  return false;
}

/**
 * How many glyphs (.notdef aside) a subset holds identically to a face, or undefined when it
 * contradicts the face: another glyph or metric under the same id, another glyph for a code
 * point, another text for a CID.
 */
function sharedGlyphs(face: Face, subset: Subset): number | undefined {
  const { glyf, offsets, hmtx, vmtx } = subset;
  let shared = 0;
  for (let gid = 0; gid < subset.count; gid++) {
    const held = face.glyphs[gid];
    if (!held || !retained(subset, gid)) continue;
    // Compared in place, nothing allocated: this runs for every glyph of every subset.
    if (held.compare(glyf, offsets[gid], offsets[gid + 1]) !== 0 || !sameMetric(face.hmtx[gid], hmtx, gid) || (vmtx && !sameMetric(face.vmtx[gid], vmtx, gid))) return undefined;
    if (gid > 0) shared++;
  }
  for (const [codePoint, gid] of subset.cmap) if ((face.cmap.get(codePoint) ?? gid) !== gid) return undefined;
  for (const [cid, text] of subset.toUnicode) if ((face.toUnicode.get(cid) ?? text) !== text) return undefined;
  return shared;
}

/** Whether a face's metric for a glyph is the subset's. */
function sameMetric(metric: Metric | undefined, metrics: Metrics, gid: number): boolean {
  return metric?.[0] === metrics.advance[gid] && metric?.[1] === metrics.side[gid];
}

/** Adds a subset's glyphs, metrics and maps to a face; returns the face. */
function absorb(face: Face, subset: Subset): Face {
  face.members.push(subset);
  for (let gid = 0; gid < subset.count; gid++) {
    if (face.glyphs[gid] || !retained(subset, gid)) continue;
    const { glyph, h, v } = glyphOf(subset, gid);
    face.glyphs[gid] = glyph;
    face.hmtx[gid] = h;
    if (v) face.vmtx[gid] = v;
  }
  for (const [codePoint, gid] of subset.cmap) face.cmap.set(codePoint, gid);
  for (const [cid, text] of subset.toUnicode) face.toUnicode.set(cid, text);
  return face;
}

/** Gives a subset that stays as printed its new name. */
function rename(subset: Subset, fontName: string): void {
  subset.font.set(N('BaseFont'), N(fontName));
  subset.descendant.set(N('BaseFont'), N(fontName));
  subset.descriptor.set(N('FontName'), N(fontName));
}

/** Writes a face's merged font (program, descriptor, CIDFont, ToUnicode, Type0) and returns the Type0's reference. */
function writeFace(ctx: PDFContext, face: Face, fontName: string): PDFRef {
  const first = face.members[0] as Subset;
  const program = mergedProgram(face);
  const fontFile = ctx.register(PDFRawStream.of(ctx.obj({ Length1: program.length, Filter: 'FlateDecode' }), deflateSync(program)));
  const descriptor = first.descriptor.clone(ctx);
  descriptor.set(N('FontName'), N(fontName));
  descriptor.set(N('FontFile2'), fontFile);
  // A CIDSet would list one chapter's glyphs only.
  descriptor.delete(N('CIDSet'));
  const boxes = face.members.map((m) => m.descriptor.lookupMaybe(N('FontBBox'), PDFArray)?.asArray().map((n) => (n as PDFNumber).asNumber()) ?? []);
  if (boxes.every((b) => b.length === 4)) {
    descriptor.set(N('FontBBox'), ctx.obj([Math.min(...boxes.map((b) => b[0] as number)), Math.min(...boxes.map((b) => b[1] as number)), Math.max(...boxes.map((b) => b[2] as number)), Math.max(...boxes.map((b) => b[3] as number))]));
  }
  const descendant = first.descendant.clone(ctx);
  descendant.set(N('BaseFont'), N(fontName));
  descendant.set(N('FontDescriptor'), ctx.register(descriptor));
  const { dw, w } = widths(face, first.unitsPerEm);
  descendant.set(N('DW'), PDFNumber.of(dw));
  descendant.set(N('W'), ctx.obj(w));
  const font = first.font.clone(ctx);
  font.set(N('BaseFont'), N(fontName));
  font.set(N('DescendantFonts'), ctx.obj([ctx.register(descendant)]));
  font.set(N('ToUnicode'), ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), deflateSync(toUnicodeCmap(face.toUnicode)))));
  return ctx.register(font);
}

/**
 * /DW and /W for the face's glyphs: their advances, the most common one as the default (the
 * smallest on a tie) and runs of consecutive CIDs for the rest.
 */
function widths(face: Face, unitsPerEm: number): { dw: number; w: (number | number[])[] } {
  const all = new Map<number, number>();
  face.hmtx.forEach((metric, gid) => metric && all.set(gid, pdfWidth(metric[0], unitsPerEm)));
  const counts = new Map<number, number>();
  for (const width of all.values()) counts.set(width, (counts.get(width) ?? 0) + 1);
  const dw = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1000;
  const w: (number | number[])[] = [];
  let run: number[] | undefined;
  let next = -1;
  for (const [cid, width] of [...all].sort((a, b) => a[0] - b[0])) {
    if (width === dw) continue;
    if (run && cid === next) run.push(width);
    else w.push(cid, (run = [width]));
    next = cid + 1;
  }
  return { dw, w };
}

/** A ToUnicode CMap for the face's CIDs, in bfrange runs where CIDs and characters both count up, bfchar otherwise. */
function toUnicodeCmap(map: Map<number, string>): Buffer {
  const entries = [...map].sort((a, b) => a[0] - b[0]);
  const ranges: string[] = [];
  const chars: string[] = [];
  for (let i = 0; i < entries.length; ) {
    const [cid, text] = entries[i] as [number, string];
    let j = i + 1;
    // A range stays within one high byte, for CIDs and characters alike (the CMap rules for bfrange).
    while (text.length === 4 && j < entries.length) {
      const [nextCid, nextText] = entries[j] as [number, string];
      const step = j - i;
      if (nextCid !== cid + step || nextCid >> 8 !== cid >> 8 || nextText.length !== 4 || parseInt(nextText, 16) !== parseInt(text, 16) + step || (parseInt(text, 16) & 0xff) + step > 0xff) break;
      j++;
    }
    if (j - i > 1) ranges.push(`<${hex4(cid)}> <${hex4(cid + j - i - 1)}> <${text}>`);
    else chars.push(`<${hex4(cid)}> <${text}>`);
    i = j;
  }
  const blocks = (lines: string[], kind: string): string =>
    Array.from({ length: Math.ceil(lines.length / 100) }, (_, b) => lines.slice(b * 100, b * 100 + 100))
      .map((chunk) => `${chunk.length} begin${kind}\n${chunk.join('\n')}\nend${kind}\n`)
      .join('');
  return Buffer.from(
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<<  /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n' +
      '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
      blocks(chars, 'bfchar') +
      blocks(ranges, 'bfrange') +
      'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n',
    'latin1',
  );
}

/** A number as four upper-case hex digits. */
function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

// Tables a PDF viewer never reads and that would describe one chapter's glyphs only: text in a
// PDF is already shaped (GSUB, GPOS…), device metrics and signatures would be stale.
const dropped = new Set(['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'hdmx', 'LTSH', 'VDMX', 'DSIG']);

/** The face's merged TrueType program: every glyph any member holds, under its own glyph id. */
function mergedProgram(face: Face): Buffer {
  const members = face.members;
  const first = members[0] as Subset;
  const count = Math.max(...members.map((m) => m.count));
  const tables = new Map<string, Buffer>();
  for (const [tag, data] of first.tables) if (!dropped.has(tag)) tables.set(tag, Buffer.from(data));

  // glyf and long loca offsets, each glyph padded to four bytes.
  // Offsets first, then one zero-filled table the glyphs are copied into: a CJK face has thousands.
  const loca = Buffer.alloc((count + 1) * 4);
  let offset = 0;
  for (let gid = 0; gid < count; gid++) {
    loca.writeUInt32BE(offset, gid * 4);
    offset += Math.ceil((face.glyphs[gid]?.length ?? 0) / 4) * 4;
  }
  loca.writeUInt32BE(offset, count * 4);
  const glyf = Buffer.alloc(offset);
  for (let gid = 0; gid < count; gid++) face.glyphs[gid]?.copy(glyf, loca.readUInt32BE(gid * 4));
  tables.set('glyf', glyf);
  tables.set('loca', loca);

  const head = tables.get('head') as Buffer;
  head.writeUInt32BE(0, 8);
  head.writeInt16BE(Math.min(...members.map((m) => (m.tables.get('head') as Buffer).readInt16BE(36))), 36);
  head.writeInt16BE(Math.min(...members.map((m) => (m.tables.get('head') as Buffer).readInt16BE(38))), 38);
  head.writeInt16BE(Math.max(...members.map((m) => (m.tables.get('head') as Buffer).readInt16BE(40))), 40);
  head.writeInt16BE(Math.max(...members.map((m) => (m.tables.get('head') as Buffer).readInt16BE(42))), 42);
  head.writeInt16BE(1, 50);

  const maxp = tables.get('maxp') as Buffer;
  maxp.writeUInt16BE(count, 4);
  // Version 1.0 limits (points, contours, zones, stack…): the largest any member needs.
  if (maxp.readUInt32BE(0) === 0x00010000) {
    for (let at = 6; at + 2 <= maxp.length && at < 32; at += 2) maxp.writeUInt16BE(Math.max(...members.map((m) => (m.tables.get('maxp') as Buffer).readUInt16BE(at))), at);
  }

  tables.set('hmtx', writeMetrics(face.hmtx, count));
  mergeMetricsHeader(tables.get('hhea') as Buffer, members.map((m) => m.tables.get('hhea') as Buffer), count);
  if (tables.has('vmtx') && tables.has('vhea')) {
    tables.set('vmtx', writeMetrics(face.vmtx, count));
    mergeMetricsHeader(tables.get('vhea') as Buffer, members.map((m) => m.tables.get('vhea') as Buffer), count);
  }

  tables.set('cmap', writeCmap(face.cmap));
  const os2 = tables.get('OS/2');
  if (os2 && os2.length >= 68) {
    const advances = face.hmtx.flatMap((m) => (m && m[0] > 0 ? [m[0]] : []));
    if (advances.length) os2.writeInt16BE(Math.round(advances.reduce((a, b) => a + b, 0) / advances.length), 2);
    for (let at = 42; at < 58; at += 4) os2.writeUInt32BE(members.reduce((bits, m) => (bits | (m.tables.get('OS/2') as Buffer).readUInt32BE(at)) >>> 0, 0), at);
    const codePoints = [...face.cmap.keys()];
    if (codePoints.length) {
      os2.writeUInt16BE(Math.min(0xffff, ...codePoints), 64);
      os2.writeUInt16BE(Math.min(0xffff, Math.max(...codePoints)), 66);
    }
  }
  const post = tables.get('post');
  // Version 2 names glyphs by index into one member's list: version 3 names none.
  if (post && post.length >= 32 && post.readUInt32BE(0) !== 0x00030000) {
    const names = Buffer.from(post.subarray(0, 32));
    names.writeUInt32BE(0x00030000, 0);
    tables.set('post', names);
  }
  return writeSfnt(tables);
}

/** hmtx or vmtx with a long metric for every glyph; glyphs no member holds get none. */
function writeMetrics(metrics: (Metric | undefined)[], count: number): Buffer {
  const table = Buffer.alloc(count * 4);
  for (let gid = 0; gid < count; gid++) {
    const [advance, side] = metrics[gid] ?? [0, 0];
    table.writeUInt16BE(advance, gid * 4);
    table.writeInt16BE(side, gid * 4 + 2);
  }
  return table;
}

/** hhea or vhea (same layout): the members' extremes and a long metric per glyph. */
function mergeMetricsHeader(header: Buffer, members: Buffer[], count: number): void {
  header.writeUInt16BE(Math.max(...members.map((m) => m.readUInt16BE(10))), 10);
  header.writeInt16BE(Math.min(...members.map((m) => m.readInt16BE(12))), 12);
  header.writeInt16BE(Math.min(...members.map((m) => m.readInt16BE(14))), 14);
  header.writeInt16BE(Math.max(...members.map((m) => m.readInt16BE(16))), 16);
  header.writeUInt16BE(count, 34);
}

/** A cmap with a format 4 subtable (Unicode BMP) and, when there are code points beyond it, a format 12 one. */
function writeCmap(map: Map<number, number>): Buffer {
  const entries = [...map].sort((a, b) => a[0] - b[0]);
  // Segments of consecutive code points mapped to consecutive glyphs, each one idDelta.
  const segments: [number, number, number][] = [];
  for (const [codePoint, gid] of entries) {
    if (codePoint >= 0xffff) continue;
    const last = segments.at(-1);
    if (last && codePoint === last[1] + 1 && gid - codePoint === last[2]) last[1] = codePoint;
    else segments.push([codePoint, codePoint, gid - codePoint]);
  }
  segments.push([0xffff, 0xffff, 1]);
  const n = segments.length;
  const format4 = Buffer.alloc(16 + n * 8);
  format4.writeUInt16BE(4, 0);
  format4.writeUInt16BE(format4.length, 2);
  format4.writeUInt16BE(n * 2, 6);
  const power = 2 ** Math.floor(Math.log2(n));
  format4.writeUInt16BE(power * 2, 8);
  format4.writeUInt16BE(Math.log2(power), 10);
  format4.writeUInt16BE(n * 2 - power * 2, 12);
  segments.forEach(([start, end, delta], i) => {
    format4.writeUInt16BE(end, 14 + i * 2);
    format4.writeUInt16BE(start, 16 + n * 2 + i * 2);
    format4.writeUInt16BE(delta & 0xffff, 16 + n * 4 + i * 2);
  });
  const wide = entries.filter(([codePoint]) => codePoint > 0xffff);
  const groups: [number, number, number][] = [];
  for (const [codePoint, gid] of entries) {
    const last = groups.at(-1);
    if (last && codePoint === last[1] + 1 && gid === last[2] + codePoint - last[0]) last[1] = codePoint;
    else groups.push([codePoint, codePoint, gid]);
  }
  const format12 = Buffer.alloc(16 + groups.length * 12);
  format12.writeUInt16BE(12, 0);
  format12.writeUInt32BE(format12.length, 4);
  format12.writeUInt32BE(groups.length, 12);
  groups.forEach(([start, end, gid], i) => {
    format12.writeUInt32BE(start, 16 + i * 12);
    format12.writeUInt32BE(end, 20 + i * 12);
    format12.writeUInt32BE(gid, 24 + i * 12);
  });
  // Records sorted by platform and encoding: Unicode BMP, Unicode full, Windows BMP, Windows full.
  const records: [number, number, Buffer][] = wide.length ? [[0, 3, format4], [0, 4, format12], [3, 1, format4], [3, 10, format12]] : [[0, 3, format4], [3, 1, format4]];
  const header = Buffer.alloc(4 + records.length * 8);
  header.writeUInt16BE(records.length, 2);
  const bodies = wide.length ? [format4, format12] : [format4];
  records.forEach(([platform, encoding, body], i) => {
    header.writeUInt16BE(platform, 4 + i * 8);
    header.writeUInt16BE(encoding, 6 + i * 8);
    header.writeUInt32BE(header.length + (body === format4 ? 0 : format4.length), 8 + i * 8);
  });
  return Buffer.concat([header, ...bodies]);
}

/** A TrueType font program from its tables, with checksums and head's checkSumAdjustment. */
function writeSfnt(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const power = 2 ** Math.floor(Math.log2(tags.length));
  const header = Buffer.alloc(12 + tags.length * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tags.length, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(tags.length * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) as Buffer;
    const padded = Buffer.alloc(Math.ceil(data.length / 4) * 4);
    data.copy(padded);
    header.write(tag, 12 + i * 16, 'latin1');
    header.writeUInt32BE(checksum(padded), 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(data.length, 24 + i * 16);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  const headAt = header.readUInt32BE(20 + tags.indexOf('head') * 16);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}

/** The sum of a four-byte-aligned buffer's big-endian words, modulo 2³². */
function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i + 4 <= data.length; i += 4) sum = (sum + data.readUInt32BE(i)) >>> 0;
  return sum;
}

/** Points every font resource (pages, form XObjects, patterns, Type 3 fonts) at the merged fonts. */
function repointResources(ctx: PDFContext, replaced: Map<PDFRef, PDFRef>): void {
  const done = new Set<PDFDict>();
  for (const [, object] of ctx.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
    const resources = dict?.lookupMaybe(N('Resources'), PDFDict);
    const fonts = resources?.lookupMaybe(N('Font'), PDFDict);
    if (!fonts || done.has(fonts)) continue;
    done.add(fonts);
    for (const [key, value] of fonts.entries()) {
      const target = value instanceof PDFRef ? replaced.get(value) : undefined;
      if (target) fonts.set(key, target);
    }
  }
}
