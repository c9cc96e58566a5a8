/**
 * The text an SVG image draws: what is inside its `<text>` elements and the HTML of its
 * `<foreignObject>`s, not titles, descriptions, metadata or style sheets. The print output needs
 * it twice: to know which SVG images must print in the book's fonts, and which characters the
 * print stylesheet must have fonts for.
 */
import type { Element, Root, RootContent } from 'xast';
import { fromXml } from 'xast-util-from-xml';

/** Elements whose text is never drawn, wherever they are. */
const hidden = new Set(['title', 'desc', 'metadata', 'style', 'script']);
/** Elements whose text is drawn. */
const drawing = new Set(['text', 'foreignObject']);

/** The name of an element without its namespace prefix (`svg:text` is a `text`). */
export function localName(element: Element): string {
  return element.name.slice(element.name.indexOf(':') + 1);
}

/** The text an SVG tree draws, in document order. */
export function drawnText(tree: Root | Element): string {
  let text = '';
  /** Adds the drawn text of `node`, `inside` a text or foreignObject element or not. */
  const walk = (node: Root | RootContent, inside: boolean): void => {
    if (node.type === 'text' || node.type === 'cdata') {
      if (inside) text += node.value;
    } else if (node.type === 'element' || node.type === 'root') {
      const name = node.type === 'element' ? localName(node) : '';
      if (hidden.has(name)) return;
      for (const child of node.children) walk(child, inside || drawing.has(name));
    }
  };
  walk(tree, false);
  return text;
}

// Parsed once per image file: the characters of every chapter are gathered on every PDF build.
const textOfFile = new WeakMap<Buffer, string>();

/** The text an SVG file draws ('' when it cannot be parsed: such a file never reaches a book). */
export function svgDrawnText(data: Buffer): string {
  let text = textOfFile.get(data);
  if (text === undefined) {
    try {
      text = drawnText(fromXml(data.toString('utf8')));
    } catch {
      text = '';
    }
    textOfFile.set(data, text);
  }
  return text;
}
