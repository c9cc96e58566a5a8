/**
 * An SVG file's drawing as an element of an HTML page, drawn as the file would be drawn as an
 * image: an image is a document of its own, so in the page its ids are prefixed (they must not
 * meet the page's or another figure's), its style sheets scoped to it (`@scope`), its links to
 * other files dropped (an image loads none), its size synthesized as an image's would be, and
 * its vocabulary outside SVG and XHTML (Illustrator's private data) left out. Its font families
 * become the book's print stacks (`var(--book-serif)`, `var(--book-mono)` for code faces): the
 * reason to draw it in the page is that its text prints in the book's embedded fonts.
 */
import type { Element as HastElement, ElementContent } from 'hast';
import { h, s } from 'hastscript';
import type { Element, Root, RootContent } from 'xast';
import { localName } from './svg-text.js';

const svgNamespace = 'http://www.w3.org/2000/svg';
const xhtmlNamespace = 'http://www.w3.org/1999/xhtml';
const xlinkNamespace = 'http://www.w3.org/1999/xlink';
const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';

/** The namespace prefixes in scope ('' for the default namespace) and their URIs. */
type Scope = ReadonlyMap<string, string>;

/** The root `<svg>` of an SVG file's tree, when it is one (without the SVG namespace a file draws nothing as an image either). */
export function svgRoot(tree: Root): Element | undefined {
  const root = tree.children.find((child): child is Element => child.type === 'element');
  if (!root || localName(root) !== 'svg' || namespaceOf(root.name, scopeOf(root, new Map([['xml', xmlNamespace]]))) !== svgNamespace) return undefined;
  return root;
}

/** The drawing of `root` (from `svgRoot`, which it changes) as an `<svg>` element for an HTML page, its ids starting with `prefix`. */
export function inlineSvg(root: Element, prefix: string): HastElement {
  sizeAsImage(root);
  const sheets: string[] = [];
  const svg = convert(root, new Map([['xml', xmlNamespace]]), prefix, sheets) as HastElement;
  // A style sheet applies to the whole image wherever it stands; in the page, `@scope` without
  // a prelude confines it to its parent, so each goes to the top of the drawing.
  svg.children.unshift(...sheets.map((css) => s('style', `@scope {\n${css}\n}`)));
  return svg;
}

/**
 * Gives the root what an image has without asking: a viewBox from its width and height when it
 * has none, so that it scales when the text block is narrower (an image scales; an `<svg>` in
 * the page would be cut), and its own font size in its style, above the page's reset to the
 * size an image starts from (print.css: `.svg-image > svg`).
 */
function sizeAsImage(root: Element): void {
  const { width, height, viewBox } = root.attributes;
  const [w, h] = [pixels(width), pixels(height)];
  if (!viewBox && w !== undefined && h !== undefined) root.attributes.viewBox = `0 0 ${w} ${h}`;
  const fontSize = root.attributes['font-size']?.trim();
  if (fontSize) {
    // An attribute's plain number is in user units, which CSS writes in px.
    root.attributes.style = `font-size: ${/^[0-9.]+$/.test(fontSize) ? `${fontSize}px` : fontSize}; ${root.attributes.style ?? ''}`.trim();
    delete root.attributes['font-size'];
  }
}

/** CSS pixels per unit of an absolute SVG length. */
const pixelsPer: Record<string, number> = { '': 1, px: 1, pt: 4 / 3, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4 };

/** An absolute length in CSS pixels, or undefined for a relative one (`100%`, `2em`) or none. */
function pixels(length: string | null | undefined): number | undefined {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(length ?? '');
  const per = m ? pixelsPer[(m[2] as string).toLowerCase()] : undefined;
  return m && per !== undefined ? Math.round(Number(m[1]) * per * 1000) / 1000 : undefined;
}

/** The prefixes an element declares, added to those of its parent. */
function scopeOf(element: Element, parent: Scope): Scope {
  let scope: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(name === 'xmlns' ? '' : name.slice(6), value ?? '');
  }
  return scope ?? parent;
}

/** The namespace of an element name in `scope`. */
function namespaceOf(name: string, scope: Scope): string | undefined {
  const colon = name.indexOf(':');
  return scope.get(colon < 0 ? '' : name.slice(0, colon));
}

/**
 * One element and its content as hast (undefined when it is outside SVG and XHTML, or a style
 * sheet, which goes to `sheets`).
 */
function convert(element: Element, parent: Scope, prefix: string, sheets: string[]): HastElement | undefined {
  const scope = scopeOf(element, parent);
  const namespace = namespaceOf(element.name, scope);
  if (namespace !== svgNamespace && namespace !== xhtmlNamespace) return undefined;
  const name = localName(element);
  if (name === 'style') {
    sheets.push(styleSheet(textOf(element), prefix));
    return undefined;
  }
  const properties: Record<string, string> = {};
  for (const [attribute, raw] of Object.entries(element.attributes)) {
    const key = attributeName(attribute, scope);
    const value = key === undefined || raw === null || raw === undefined ? undefined : attributeValue(key, raw, prefix);
    if (key !== undefined && value !== undefined) properties[key] = value;
  }
  const children: ElementContent[] = [];
  for (const child of element.children) {
    if (child.type === 'element') {
      const converted = convert(child, scope, prefix, sheets);
      if (converted) children.push(converted);
    } else if (child.type === 'text' || child.type === 'cdata') children.push({ type: 'text', value: child.value });
  }
  return (namespace === svgNamespace ? s : h)(name, properties, children);
}

/** The text of an element (a style sheet). */
function textOf(element: Element): string {
  return element.children.map((c: RootContent) => (c.type === 'text' || c.type === 'cdata' ? c.value : c.type === 'element' ? textOf(c) : '')).join('');
}

/** An attribute's name as HTML writes it in SVG (`xlink:href`, `xml:space`), or undefined for a declaration or another vocabulary's attribute. */
function attributeName(name: string, scope: Scope): string | undefined {
  if (name === 'xmlns' || name.startsWith('xmlns:')) return undefined;
  const colon = name.indexOf(':');
  if (colon < 0) return name;
  const namespace = scope.get(name.slice(0, colon));
  const local = name.slice(colon + 1);
  return namespace === xlinkNamespace ? `xlink:${local}` : namespace === xmlNamespace ? `xml:${local}` : undefined;
}

/** An attribute's value in the page: ids and references prefixed, fonts mapped; undefined to leave it out. */
function attributeValue(name: string, value: string, prefix: string): string | undefined {
  if (name === 'id') return prefix + value;
  if (name === 'href' || name === 'xlink:href') {
    if (value.startsWith('#')) return `#${prefix}${value.slice(1)}`;
    // An image loads no other file; a data: URL is part of the image.
    return /^\s*data:/i.test(value) ? value : undefined;
  }
  if (name === 'aria-labelledby' || name === 'aria-describedby') return value.trim().split(/\s+/).map((id) => prefix + id).join(' ');
  if (name === 'font-family') return fontStack(value);
  if (name === 'style') return declarations(value, prefix);
  return localUrls(value, prefix);
}

/** `url(#id)` references pointed at the prefixed ids. */
function localUrls(value: string, prefix: string): string {
  return value.replace(/url\(\s*(['"]?)#/g, (_, quote: string) => `url(${quote}#${prefix}`);
}

// Families that set code: they print with the book's code font, all others with its text font.
const monospaced = /monospace|\bmono\b|\w+mono\b|courier|consolas|menlo|monaco|inconsolata|typewriter|lucida ?console|fixedsys|\bcode\b/i;

/** The book's print stack for a font-family value (`inherit` and the like stay as they are). */
function fontStack(families: string): string {
  if (/^\s*(inherit|initial|unset|revert|revert-layer)\s*$/i.test(families)) return families;
  return monospaced.test(families) ? 'var(--book-mono)' : 'var(--book-serif)';
}

/** A style sheet of the image: ids in selectors and `url(#id)` prefixed, font families mapped. */
function styleSheet(css: string, prefix: string): string {
  let out = '';
  let segment = '';
  let depth = 0;
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      const stop = end < 0 ? text.length : end + 1;
      segment += text.slice(i, stop);
      i = stop - 1;
    } else if (c === '{') {
      // A selector, or an at-rule's prelude (`@media print`), which names no ids.
      out += (segment.trimStart().startsWith('@') ? segment : segment.replace(/#(-?[_a-zA-Z\u00A0-\uFFFF][-\w\u00A0-\uFFFF]*)/g, `#${prefix}$1`)) + c;
      segment = '';
      depth++;
    } else if (c === ';' || c === '}') {
      out += (depth > 0 ? declaration(segment, prefix) : segment) + c;
      segment = '';
      if (c === '}') depth = Math.max(0, depth - 1);
    } else segment += c;
  }
  return out + segment;
}

/** The declarations of a style attribute, each rewritten as in a style sheet. */
function declarations(style: string, prefix: string): string {
  return style
    .split(';')
    .map((d) => declaration(d, prefix))
    .join(';');
}

/** One declaration with its font family mapped and its `url(#id)` prefixed. */
function declaration(text: string, prefix: string): string {
  const m = /^(\s*)([-\w]+)(\s*:\s*)([\s\S]*?)(\s*!\s*important)?(\s*)$/i.exec(text);
  if (!m) return text;
  const [, lead, property, colon, value, important = '', trail] = m as unknown as [string, string, string, string, string, string | undefined, string];
  const lower = property.toLowerCase();
  const mapped = lower === 'font-family' ? fontStack(value) : lower === 'font' ? fontShorthand(value) : value;
  return `${lead}${property}${colon}${localUrls(mapped, prefix)}${important}${trail}`;
}

/** The `font` shorthand with its family mapped: the family list follows the size (and line height). */
function fontShorthand(value: string): string {
  if (/^\s*(caption|icon|menu|message-box|small-caption|status-bar)\s*$/i.test(value)) return 'medium var(--book-serif)';
  const m = /^(.*?)((?<=^|\s)(?:[0-9]*\.?[0-9]+(?:px|pt|pc|em|rem|ex|ch|%|mm|cm|in|q|vw|vh|vmin|vmax)|0|xx-small|x-small|small|medium|large|x-large|xx-large|xxx-large|larger|smaller)(?:\s*\/\s*[^\s,]+)?\s+)(\S[\s\S]*)$/i.exec(value);
  if (!m) return value;
  return `${m[1]}${m[2]}${fontStack(m[3] as string)}`;
}
