/**
 * Ends bare URLs where the prose takes over. GFM's autolink literal runs to the next space, so
 * in Korean, Chinese and Japanese, which put particles and punctuation right after a URL,
 * `Docker Hub(https://hub.docker.com)에서` links to `https://hub.docker.com)에서`. A bare URL ends
 * here before a `)` it did not open (a balanced pair, as in `…/wiki/Foo_(bar)`, stays in it) and
 * before full-width punctuation (`，。、」）`), then loses trailing punctuation by GFM's rule; a
 * further URL in what follows (`官网：https://a.cn，文档：https://b.cn`) becomes a link of its own.
 * Only links written as bare URLs are touched: their source is their text.
 */
import type { Link, PhrasingContent, Root, Text } from 'mdast';
import type { Point, Position } from 'unist';
import { SKIP, visit } from './visit.js';
import type { VFile } from 'vfile';

/** A stretch of a bare URL's text: a URL (with its address) or prose, by offsets into the text. */
interface Piece {
  start: number;
  end: number;
  url?: string;
}

// Full-width and ideographic punctuation: no URL is written with it, CJK prose always is.
const wideBlocks = /[\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uff65]/u;
// GFM's trailing punctuation, which it never counts as part of a bare URL.
const trailing = '?!.,:*_~';

/** The unified plugin. */
export default function remarkAutolinkBounds() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    visit(tree, 'link', (node: Link, index, parent) => {
      const text = node.children.length === 1 && node.children[0]?.type === 'text' ? node.children[0].value : undefined;
      const start = node.position?.start;
      if (!parent || index === undefined || text === undefined || !start || source.slice(start.offset, node.position?.end.offset) !== text) return undefined;
      // www. links get their scheme from GFM; other literals (e-mail addresses) are left alone.
      const scheme = node.url === text ? '' : node.url === `http://${text}` ? 'http://' : undefined;
      if (scheme === undefined) return undefined;
      const pieces = splitLiteral(text, scheme);
      if (pieces.length === 1 && pieces[0]?.url === node.url) return undefined;
      const nodes = pieces.map((piece) => pieceNode(piece, text, start));
      parent.children.splice(index, 1, ...nodes);
      return [SKIP, index + nodes.length];
    });
  };
}

/** A bare URL's text cut into URLs and prose; `scheme` is what GFM put before the first one (`http://` for `www.`). */
export function splitLiteral(text: string, scheme: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  let prefix = scheme;
  while (at < text.length) {
    const length = urlLength(text.slice(at));
    if (length > 0) {
      pieces.push({ start: at, end: at + length, url: prefix + text.slice(at, at + length) });
      at += length;
    }
    if (at >= text.length) break;
    const next = nextUrl(text, length > 0 ? at : at + 1);
    const last = pieces.at(-1);
    if (last && last.url === undefined) last.end = next;
    else if (next > at) pieces.push({ start: at, end: next });
    at = next;
    prefix = '';
  }
  return pieces;
}

/** How much of `text` (which starts like a URL) is the URL; 0 when nothing is left after its scheme. */
function urlLength(text: string): number {
  let end = text.length;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (wideBlocks.test(char) && !/[\p{L}\p{N}]/u.test(char)) {
      end = i;
      break;
    }
    if (char === '(') depth++;
    else if (char === ')' && depth-- === 0) {
      end = i;
      break;
    }
  }
  while (end > 0 && trailing.includes(text[end - 1] as string)) end--;
  const scheme = /^(?:https?:\/\/|www\.)/i.exec(text)?.[0].length ?? 0;
  return end > scheme ? end : 0;
}

/** Where the next `http://` or `https://` URL starts in `text` from `from` (not inside a word), or the text's end. */
function nextUrl(text: string, from: number): number {
  const pattern = /(?<![A-Za-z0-9])https?:\/\//gi;
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? text.length;
}

/** The link or text node of one piece, placed in the source (a bare URL never spans lines). */
function pieceNode(piece: Piece, text: string, start: Point): PhrasingContent {
  const position: Position = { start: shift(start, piece.start), end: shift(start, piece.end) };
  const value: Text = { type: 'text', value: text.slice(piece.start, piece.end), position };
  return piece.url === undefined ? value : { type: 'link', url: piece.url, title: null, children: [value], position };
}

/** A point `by` characters further on the same line. */
function shift(point: Point, by: number): Point {
  return { line: point.line, column: point.column + by, ...(point.offset === undefined ? {} : { offset: point.offset + by }) };
}
