/**
 * How far down the text block each printed page is filled, read from the page's content stream:
 * the lowest text baseline, painted path or image Chromium drew inside the text block. Reading
 * the marks already printed costs one pass over each page's stream, and needs no second layout.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFPage } from 'pdf-lib';
import { pt, type Geometry } from './geometry.js';

/** An affine matrix [a b c d e f], as PDF writes it. */
type Matrix = [number, number, number, number, number, number];

const identity: Matrix = [1, 0, 0, 1, 0, 0];

// The operators the measure follows, as standalone words (after white space or a closing
// bracket). Their operands are read backwards from them, and only when needed: most of a page's
// bytes are glyph strings and font changes, skipped by the regular expression itself.
const operatorPattern = /(?<=^|[\s\]>)])(cm|Tm|Td|TD|TJ|Tj|BT|re|Do|[mlcvySsfFnqQ'"]|[fBb]\*|[Bb])(?=[\s[\]<>(/]|$)/g;

const paintOperators = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);

/**
 * For each page of a printed document (`pages`), the share (0 to 1) of the text block's height between its
 * top and the page's lowest mark; 0 for a page with nothing in the text block.
 */
export function pageFills(pages: PDFPage[], geometry: Geometry): number[] {
  const pageHeight = pt(geometry.pageHeight);
  // PDF space runs upwards from the page's foot.
  const top = pageHeight - pt(geometry.margins.top);
  const bottom = pt(geometry.margins.bottom);
  return pages.map((page) => {
    const lowest = lowestMark(contentOf(page), imageNames(page), bottom - 1, top + 1);
    return lowest === undefined ? 0 : Math.min(1, Math.max(0, (top - lowest) / (top - bottom)));
  });
}

/** A page's content streams, decoded and joined. */
export function contentOf(page: PDFPage): string {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  return refs
    .map((ref) => page.doc.context.lookup(ref))
    .map((stream) => (stream instanceof PDFRawStream ? decoded(stream).toString('latin1') : ''))
    .join('\n');
}

/** A stream's bytes: Chromium deflates its pages, which Node's zlib inflates several times faster than pdf-lib. */
export function decoded(stream: PDFRawStream): Buffer {
  const filter = stream.dict.get(PDFName.of('Filter'));
  return filter === PDFName.of('FlateDecode') ? inflateSync(stream.contents) : Buffer.from(decodePDFRawStream(stream).decode());
}

/** The names under which a page's resources hold images (its form XObjects, which have their own extent, are left out). */
function imageNames(page: PDFPage): Set<string> {
  const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const names = new Set<string>();
  for (const [name, value] of xObjects?.entries() ?? []) {
    const object = value instanceof PDFRef ? page.doc.context.lookup(value) : value;
    const dict = object instanceof PDFRawStream ? object.dict : object;
    if (dict instanceof PDFDict && dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) names.add(name.decodeText());
  }
  return names;
}

/**
 * The lowest height (PDF points) of any text baseline, painted path point or image corner between
 * `low` and `high`, following the transformation stack (q, Q, cm) and text matrices (Tm, Td).
 */
function lowestMark(content: string, images: Set<string>, low: number, high: number): number | undefined {
  let ctm: Matrix = identity;
  const stack: Matrix[] = [];
  let text: Matrix = identity;
  let path: number[] = [];
  let lowest: number | undefined;
  /** Takes the point (x, y) of a space whose matrix is `m` as a mark when it lies in the text block. */
  const mark = (x: number, y: number, m: Matrix): void => {
    const height = m[1] * x + m[3] * y + m[5];
    if (height >= low && height <= high && (lowest === undefined || height < lowest)) lowest = height;
  };
  for (const match of content.matchAll(operatorPattern)) {
    const operator = match[1] as string;
    const at = match.index;
    switch (operator) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? identity;
        break;
      case 'cm':
        ctm = multiply(numbersBefore(content, at, 6) as Matrix, ctm);
        break;
      case 'BT':
        text = identity;
        break;
      case 'Tm':
        text = numbersBefore(content, at, 6) as Matrix;
        break;
      case 'Td':
      case 'TD': {
        const [x, y] = numbersBefore(content, at, 2) as [number, number];
        text = multiply([1, 0, 0, 1, x, y], text);
        break;
      }
      case 're': {
        const [x, y, w, h] = numbersBefore(content, at, 4) as [number, number, number, number];
        path.push(x, y, x + w, y + h);
        break;
      }
      case 'n':
        // A clipping path: nothing is painted.
        path = [];
        break;
      case 'Tj':
      case 'TJ':
      case "'":
      case '"':
        mark(0, 0, multiply(text, ctm));
        break;
      case 'Do':
        // An image fills the unit square of its matrix.
        if (images.has(tokenBefore(content, at).text.slice(1))) for (const [x, y] of [[0, 0], [1, 1], [0, 1], [1, 0]] as const) mark(x, y, ctm);
        break;
      default:
        if (paintOperators.has(operator)) {
          for (let i = 0; i + 1 < path.length; i += 2) mark(path[i] as number, path[i + 1] as number, ctm);
          path = [];
        } else path.push(...numbersBefore(content, at, 2));
    }
  }
  return lowest;
}

/** The `count` numbers before `index` in `content` (an operator's last operands), in order. */
function numbersBefore(content: string, index: number, count: number): number[] {
  const numbers: number[] = new Array(count);
  let end = index;
  for (let k = count - 1; k >= 0; k--) {
    const token = tokenBefore(content, end);
    numbers[k] = Number(token.text);
    end = token.start;
  }
  return numbers;
}

/** The white-space separated token that ends before `index` in `content`, and where it starts. */
function tokenBefore(content: string, index: number): { text: string; start: number } {
  let i = index - 1;
  while (i >= 0 && content.charCodeAt(i) <= 32) i--;
  const end = i + 1;
  while (i >= 0 && content.charCodeAt(i) > 32) i--;
  return { text: content.slice(i + 1, end), start: i + 1 };
}

/** The product a × b of two matrices (a applied first). */
function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}
