/**
 * Recognises the image formats that both EPUB readers and the PDF renderer display, from the
 * bytes alone: file names and Content-Type headers lie often enough (error pages served as
 * `image/png`, `.jpg` files that are really WebP) that neither can be trusted.
 */
import type { IImage } from 'image-size/types/interface';
import { GIF } from 'image-size/types/gif';
import { JPG } from 'image-size/types/jpg';
import { PNG } from 'image-size/types/png';
import { SVG } from 'image-size/types/svg';
import { WEBP } from 'image-size/types/webp';

/** What the bytes of an image are, and its size in pixels when that can be read. */
export interface ImageInfo {
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';
  extension: 'png' | 'jpg' | 'gif' | 'webp' | 'svg';
  width?: number;
  height?: number;
}

/** How one format is recognised, checked for completeness and measured. */
interface Format {
  mediaType: ImageInfo['mediaType'];
  extension: ImageInfo['extension'];
  /** Where the image starts if the bytes are this format (SVG may follow a prolog), else -1. */
  start(data: Uint8Array): number;
  /** False when the image (from its start) was cut short, so a half download is never mistaken for an image. */
  complete(image: Uint8Array): boolean;
  /** The image-size parser for this format, called directly so it cannot guess another type. */
  measure: IImage;
}

/** How far into a file the `<svg` root may start; prologs longer than this are not plausible. */
const SVG_ROOT_WITHIN = 4096;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const FORMATS: readonly Format[] = [
  {
    mediaType: 'image/png',
    extension: 'png',
    // Requiring IHDR first also rejects Apple's "CgBI" PNGs, which browsers cannot decode.
    start: (data) => (startsWith(data, PNG_SIGNATURE) && latin1(data, 12, 16) === 'IHDR' ? 0 : -1),
    complete: pngComplete,
    measure: PNG,
  },
  {
    mediaType: 'image/jpeg',
    extension: 'jpg',
    start: (data) => (startsWith(data, [0xff, 0xd8, 0xff]) ? 0 : -1),
    complete: jpegComplete,
    measure: JPG,
  },
  {
    mediaType: 'image/gif',
    extension: 'gif',
    start: (data) => (/^GIF8[79]a$/.test(latin1(data, 0, 6)) ? 0 : -1),
    complete: gifComplete,
    measure: GIF,
  },
  {
    mediaType: 'image/webp',
    extension: 'webp',
    start: (data) =>
      latin1(data, 0, 4) === 'RIFF' && latin1(data, 8, 12) === 'WEBP' && /^VP8[ LX]$/.test(latin1(data, 12, 16))
        ? 0
        : -1,
    // The RIFF header states the file length, so a short file is easy to spot.
    complete: (data) => data.length >= 8 + readUInt32LE(data, 4),
    measure: WEBP,
  },
  {
    mediaType: 'image/svg+xml',
    extension: 'svg',
    start: svgRootOffset,
    complete: svgComplete,
    measure: SVG,
  },
];

/** Identifies a PNG, JPEG, GIF, WebP or SVG image from its bytes; undefined for anything else or a truncated file. */
export function sniffImage(data: Uint8Array): ImageInfo | undefined {
  for (const format of FORMATS) {
    const start = format.start(data);
    if (start < 0) continue;
    const image = data.subarray(start);
    if (!format.complete(image)) return undefined;
    return { mediaType: format.mediaType, extension: format.extension, ...measure(format, image) };
  }
  return undefined;
}

/** The pixel size from image-size, or nothing when the header does not state a usable one. */
function measure(format: Format, image: Uint8Array): { width?: number; height?: number } {
  try {
    const { width, height } = format.measure.calculate(image);
    // image-size returns NaN or 0 for odd SVG viewBoxes and zero-sized headers; a size that cannot lay out is no size.
    return isPositive(width) && isPositive(height) ? { width, height } : {};
  } catch {
    return {};
  }
}

/** True for a finite number above zero. */
function isPositive(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Walks the PNG chunks: the file is whole when the IEND chunk fits inside it. */
function pngComplete(data: Uint8Array): boolean {
  let pos = PNG_SIGNATURE.length;
  while (pos + 12 <= data.length) {
    const type = latin1(data, pos + 4, pos + 8);
    pos += 12 + readUInt32BE(data, pos);
    if (pos > data.length) return false;
    if (type === 'IEND') return true;
  }
  return false;
}

/**
 * Walks the JPEG segments to the end-of-image marker. Searching the tail for FFD9 would not do:
 * cameras append data after it (motion photos append whole videos), and an EXIF thumbnail has its own.
 */
function jpegComplete(data: Uint8Array): boolean {
  let pos = 2;
  while (pos + 1 < data.length) {
    if (data[pos] !== 0xff) return false;
    const marker = data[pos + 1];
    if (marker === 0xd9) return true;
    if (marker === 0xff) {
      // Any number of 0xFF fill bytes may precede a marker.
      pos += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      // TEM and the restart markers carry no length.
      pos += 2;
      continue;
    }
    if (pos + 3 >= data.length) return false;
    pos += 2 + readUInt16BE(data, pos + 2);
    if (marker === 0xda) pos = endOfScan(data, pos);
  }
  return false;
}

/** Skips entropy-coded scan data to the next real marker (0xFF not followed by a stuffed 0x00 or a restart). */
function endOfScan(data: Uint8Array, pos: number): number {
  for (let ff = data.indexOf(0xff, pos); ff !== -1; ff = data.indexOf(0xff, ff + 1)) {
    const next = data[ff + 1];
    if (next === undefined) return ff;
    if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) return ff;
  }
  return data.length;
}

/**
 * Walks the GIF blocks to the trailer. A file that ends exactly after a whole frame is accepted
 * too, because some encoders omit the trailer and browsers show such files.
 */
function gifComplete(data: Uint8Array): boolean {
  let pos = 13 + colorTableSize(data[10]);
  let frames = 0;
  while (pos < data.length) {
    const block = data[pos];
    if (block === 0x3b) return true;
    if (block === 0x21) {
      pos = skipSubBlocks(data, pos + 2);
    } else if (block === 0x2c) {
      if (pos + 10 > data.length) return false;
      // Descriptor, local colour table, then the LZW minimum code size byte before the data.
      pos = skipSubBlocks(data, pos + 10 + colorTableSize(data[pos + 9]) + 1);
      frames += 1;
    } else {
      return false;
    }
  }
  return pos === data.length && frames > 0;
}

/** The byte length of the colour table announced by a GIF packed-fields byte. */
function colorTableSize(packed: number | undefined): number {
  if (packed === undefined || (packed & 0x80) === 0) return 0;
  return 3 * 2 ** ((packed & 0x07) + 1);
}

/** The position after a GIF sub-block chain, or past the end when the chain is cut short. */
function skipSubBlocks(data: Uint8Array, pos: number): number {
  while (pos < data.length) {
    const size = data[pos];
    pos += 1 + size;
    if (size === 0) return pos;
  }
  return data.length + 1;
}

/** The byte offset of the `<svg` root element after an optional BOM, XML declaration, comments and doctype; -1 if there is none. */
function svgRootOffset(data: Uint8Array): number {
  // Latin-1 maps each byte to one character, so string indexes are byte offsets; all markup looked for is ASCII.
  const text = latin1(data, 0, SVG_ROOT_WITHIN);
  let pos = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
  for (;;) {
    while (/[ \t\r\n]/.test(text.charAt(pos))) pos += 1;
    let end: number;
    if (text.startsWith('<?', pos)) {
      end = afterToken(text, '?>', pos);
    } else if (text.startsWith('<!--', pos)) {
      end = afterToken(text, '-->', pos + 4);
    } else if (text.slice(pos, pos + 9).toUpperCase() === '<!DOCTYPE') {
      // An internal subset may contain '>' inside entity declarations, so skip past its ']' first.
      const bracket = text.indexOf('[', pos);
      const close = text.indexOf('>', pos);
      end = bracket !== -1 && bracket < close ? afterToken(text, '>', text.indexOf(']', bracket)) : afterToken(text, '>', pos);
    } else {
      return /^<svg[ \t\r\n>/]/.test(text.slice(pos, pos + 5)) ? pos : -1;
    }
    if (end === -1) return -1;
    pos = end;
  }
}

/** The index just after the next `token` at or after `from`, or -1 when absent (or `from` is -1). */
function afterToken(text: string, token: string, from: number): number {
  if (from === -1) return -1;
  const found = text.indexOf(token, from);
  return found === -1 ? -1 : found + token.length;
}

/** An SVG is whole when its root is self-closing or the last `</svg>` is followed only by whitespace, comments or processing instructions. */
function svgComplete(image: Uint8Array): boolean {
  const text = latin1(image, 0, image.length);
  const close = text.lastIndexOf('</svg');
  if (close !== -1) return /^<\/svg\s*>(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*$/.test(text.slice(close));
  const root = /^<svg(?:[^>"']|"[^"]*"|'[^']*')*>/.exec(text);
  return root !== null && root[0].endsWith('/>');
}

/** Whether the data begins with the given bytes. */
function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  return data.length >= bytes.length && bytes.every((byte, i) => data[i] === byte);
}

/** The bytes from `start` to `end` as Latin-1 text, one character per byte (shorter when the data is). */
function latin1(data: Uint8Array, start: number, end: number): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1', start, Math.min(end, data.length));
}

/** A big-endian 32-bit unsigned integer; 0 past the end. */
function readUInt32BE(data: Uint8Array, pos: number): number {
  return (data[pos] ?? 0) * 2 ** 24 + ((data[pos + 1] ?? 0) << 16) + ((data[pos + 2] ?? 0) << 8) + (data[pos + 3] ?? 0);
}

/** A little-endian 32-bit unsigned integer; 0 past the end. */
function readUInt32LE(data: Uint8Array, pos: number): number {
  return (data[pos] ?? 0) + ((data[pos + 1] ?? 0) << 8) + ((data[pos + 2] ?? 0) << 16) + (data[pos + 3] ?? 0) * 2 ** 24;
}

/** A big-endian 16-bit unsigned integer; 0 past the end. */
function readUInt16BE(data: Uint8Array, pos: number): number {
  return ((data[pos] ?? 0) << 8) + (data[pos + 1] ?? 0);
}
