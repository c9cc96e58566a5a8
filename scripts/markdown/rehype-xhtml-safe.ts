/**
 * Makes raw HTML from the manuscript fit for EPUB 3 XHTML without silently losing it:
 * presentational attributes become CSS, scripts and other active content are removed with a
 * warning, obsolete elements are renamed, attributes EPUB's HTML lacks are removed with a
 * warning, and elements that are not HTML keep their text.
 */
import type { Element, ElementContent, Root } from 'hast';
import { phrasing } from 'hast-util-phrasing';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { htmlElementAttributes } from 'html-element-attributes';
import { htmlTagNames } from 'html-tag-names';
import { find, html } from 'property-information';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';

const known = new Set(htmlTagNames);
// Active or document-level content that an EPUB content document may not carry in its body; the
// parser keeps what <noembed> and <noframes> hold as raw markup text, which is no fallback either.
const removed = new Set(['script', 'noscript', 'noembed', 'noframes', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta', 'title', 'head', 'template']);
// Audio and video: a printed page cannot play them, and an EPUB would need the file packaged with
// a fallback for readers without the codec; the author's fallback content is what both can show.
const media = new Set(['video', 'audio']);
// Elements EPUB's HTML lacks and nothing replaces. The parser does not know some of them as empty
// (<isindex>, <spacer>) and nests what follows inside them, so their content is kept.
const unsupported = new Set(['basefont', 'bgsound', 'command', 'content', 'element', 'isindex', 'keygen', 'menuitem', 'nextid', 'rbc', 'shadow', 'slot', 'spacer']);
// Obsolete elements (and <search>, newer than EPUB's HTML) with a modern equivalent.
const renamed: Record<string, string> = {
  acronym: 'abbr', big: 'span', blink: 'span', center: 'div', dir: 'ul', font: 'span', listing: 'pre',
  multicol: 'div', nobr: 'span', plaintext: 'pre', search: 'div', strike: 's', tt: 'code', xmp: 'pre',
};
// The CSS a renamed element needs to keep the look its author asked for.
const renamedStyle: Record<string, [string, string]> = { center: ['text-align', 'center'], nobr: ['white-space', 'nowrap'] };
// Obsolete presentational attributes and the CSS property each one maps to.
const toCss: Record<string, string> = { align: 'text-align', vAlign: 'vertical-align', bgColor: 'background-color', color: 'color' };
// An XML attribute name without a prefix, or with one our documents declare.
const xmlAttributeName = /^(?:(?:epub|xml|xlink):)?[A-Za-z_][\w.-]*$/;
// hast knows no MathML namespace: without it, XHTML readers take <math> for an unknown HTML element.
const mathmlNamespace = 'http://www.w3.org/1998/Math/MathML';
const xhtmlNamespace = 'http://www.w3.org/1999/xhtml';
const dropped = ['border', 'cellPadding', 'cellSpacing', 'frameBorder', 'noWrap', 'face', 'size', 'clear'];
// Attributes that html-element-attributes lists but EPUBCheck rejects: HTML 4 ones that HTML5
// made obsolete, ones newer than EPUB's HTML, and abbr on th, which HTML5 has but EPUBCheck
// 4.2.6's schema leaves out. The presentational ones above never get here.
const notInEpub: Record<string, string[]> = {
  '*': ['autocorrect', 'enterkeyhint', 'exportparts', 'inert', 'part', 'popover', 'writingsuggestions'],
  a: ['charset', 'coords', 'rev', 'shape'],
  area: ['nohref', 'referrerpolicy'],
  button: ['command', 'commandfor', 'popovertarget', 'popovertargetaction'],
  col: ['char', 'charoff'],
  colgroup: ['char', 'charoff'],
  details: ['name'],
  dialog: ['closedby'],
  dl: ['compact'],
  form: ['accept'],
  hr: ['noshade'],
  img: ['fetchpriority', 'hspace', 'longdesc', 'name', 'vspace'],
  input: ['alpha', 'colorspace', 'ismap', 'popovertarget', 'popovertargetaction', 'usemap'],
  label: ['form'],
  li: ['type'],
  menu: ['compact'],
  ol: ['compact'],
  table: ['frame', 'rules', 'summary'],
  tbody: ['char', 'charoff'],
  td: ['abbr', 'axis', 'char', 'charoff', 'scope'],
  tfoot: ['char', 'charoff'],
  th: ['abbr', 'axis', 'char', 'charoff'],
  thead: ['char', 'charoff'],
  tr: ['char', 'charoff'],
  ul: ['compact', 'type'],
};

/** The unified plugin. */
export default function rehypeXhtmlSafe() {
  return (tree: Root, file: VFile): void => {
    visitParents(tree, 'element', (node: Element, ancestors) => {
      const parent = ancestors.at(-1) as Element | Root | undefined;
      if (!parent) return undefined;
      const index = parent.children.indexOf(node);
      const name = node.tagName;
      // Inside SVG and MathML, element names are not HTML's.
      const foreign = ancestors.some((a) => a.type === 'element' && (a.tagName === 'svg' || a.tagName === 'math'));
      const replacement = replacementOf(node, foreign);
      if (replacement) {
        file.message(replacement.reason, { place: node.position, ruleId: 'xhtml' });
        parent.children.splice(index, 1, ...replacement.nodes);
        return [SKIP, index] as const;
      }
      const modern = foreign ? undefined : modernName(node);
      if (modern) {
        const style = renamedStyle[name];
        if (style) addStyle(node, ...style);
        node.tagName = modern;
      }
      if (name === 'math') node.properties.xmlns = mathmlNamespace;
      // HTML inside an SVG <foreignObject> is HTML again: without its namespace it would be written as SVG.
      if (name === 'foreignObject') for (const child of node.children) if (child.type === 'element') child.properties.xmlns = xhtmlNamespace;
      if (name === 'img') dropSourceSet(node, file);
      nameAsId(node);
      fixId(node, file);
      // Namespaced elements such as epub:switch have attributes of their own, as SVG and MathML do.
      cleanAttributes(node, file, foreign || name === 'svg' || name === 'math' || name.includes(':'));
      return undefined;
    });
  };
}

/** What replaces an element that EPUB content may not hold, with the warning; undefined to keep it. */
function replacementOf(node: Element, foreign: boolean): { reason: string; nodes: ElementContent[] } | undefined {
  const name = node.tagName;
  if (removed.has(name)) return { reason: `removed <${name}>: EPUB content may not contain it`, nodes: [] };
  if (media.has(name)) {
    const fallback = mediaFallback(node);
    return { reason: `replaced <${name}> by ${fallback.kind}: the book does not carry audio or video`, nodes: fallback.nodes };
  }
  if (name === 'picture') {
    // Later stages package the image that <img src> names, not the alternatives of each <source>.
    const nodes = node.children.filter((c) => !(c.type === 'element' && c.tagName === 'source'));
    return { reason: 'replaced <picture> by its <img>: the book carries one image, not the <source> alternatives', nodes };
  }
  if (foreign || name.includes(':')) return undefined;
  if (unsupported.has(name)) return { reason: `removed <${name}>: EPUB 3 XHTML has no such element; kept its content`, nodes: node.children };
  if (!known.has(name)) return { reason: `<${name}> is not an HTML element: kept its text`, nodes: node.children };
  return undefined;
}

/** What stands in for an <audio> or <video>: its fallback content, else a visible note naming its file. */
function mediaFallback(node: Element): { kind: string; nodes: ElementContent[] } {
  const sources = node.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'source' || c.tagName === 'track'));
  const fallback = node.children.filter((c) => !sources.includes(c as Element));
  if (fallback.some((c) => toString(c).trim())) return { kind: 'its fallback content', nodes: fallback };
  const src = [node, ...sources].map((e) => e.properties.src).find((v) => typeof v === 'string' && v);
  const label = `${node.tagName}${src ? `: ${String(src)}` : ''}`;
  return { kind: 'a note naming its file', nodes: [h('span', { className: ['media-missing'] }, `[${label}]`)] };
}

/** The modern element for an obsolete one: <marquee> scrolled a few words as often as paragraphs. */
function modernName(node: Element): string | undefined {
  if (node.tagName === 'marquee') return node.children.every((c) => c.type !== 'element' || phrasing(c)) ? 'span' : 'div';
  return renamed[node.tagName];
}

/** Removes srcset and sizes from an <img>: later stages package only the image its src names. */
function dropSourceSet(node: Element, file: VFile): void {
  const props = node.properties;
  const present = ['srcSet', 'sizes'].filter((key) => props[key] !== undefined && props[key] !== null);
  if (present.length === 0) return;
  // Without a src, the first candidate of srcset is the image the author gave for every reader.
  const first = String(props.srcSet ?? '').trim().split(/\s+/)[0]?.replace(/,$/, '');
  if (!props.src && first) props.src = first;
  const names = present.map((key) => find(html, key).attribute).join(' and ');
  file.message(`removed ${names} from <img>: the book uses the image that src names`, { place: node.position, ruleId: 'xhtml' });
  for (const key of present) delete props[key];
}

/** Turns an old-style anchor (`<a name="x">`), which links to `#x` aim at, into the id HTML5 has for it. */
function nameAsId(node: Element): void {
  const { name, id } = node.properties;
  if (node.tagName !== 'a' || typeof name !== 'string' || !name || (typeof id === 'string' && id)) return;
  node.properties.id = name;
  delete node.properties.name;
}

/** Makes the element's id a valid XHTML id: not empty, without whitespace. */
function fixId(node: Element, file: VFile): void {
  const id = node.properties.id;
  if (typeof id !== 'string' || (id && !/\s/.test(id))) return;
  const fixed = id.trim().replace(/\s+/g, '-');
  if (fixed) {
    file.message(`changed the id "${id}" to "${fixed}": an id may not contain spaces`, { place: node.position, ruleId: 'xhtml' });
    node.properties.id = fixed;
  } else {
    file.message('removed an empty id: an id may not be empty', { place: node.position, ruleId: 'xhtml' });
    delete node.properties.id;
  }
}

/**
 * Moves presentational attributes into `style`, drops event handlers and attributes EPUB's HTML
 * lacks. In SVG and MathML (`foreign`) attributes such as width, height and color are the
 * element's own and stay.
 */
function cleanAttributes(node: Element, file: VFile, foreign: boolean): void {
  const props = node.properties;
  const invalid: string[] = [];
  for (const key of Object.keys(props)) {
    const info = find(html, key);
    const value = props[key];
    if (!xmlAttributeName.test(key)) {
      // HTML accepts `zoop:33` as an attribute name; namespaced XML does not.
      file.message(`removed the attribute ${key}: it is not a valid XHTML attribute name`, { place: node.position, ruleId: 'xhtml' });
      delete props[key];
    } else if (/^on[A-Za-z]/.test(key)) {
      file.message(`removed the ${key.toLowerCase()} attribute: EPUB content may not run scripts`, { place: node.position, ruleId: 'xhtml' });
      delete props[key];
    } else if (foreign) {
      continue;
    } else if (toCss[key] && !(key === 'color' && node.tagName !== 'span')) {
      addStyle(node, toCss[key] as string, String(value));
      delete props[key];
    } else if (dropped.includes(key) || ((key === 'width' || key === 'height') && !['img', 'video', 'canvas', 'svg'].includes(node.tagName))) {
      delete props[key];
    } else if (!isValidAttribute(node.tagName, info.attribute)) {
      invalid.push(info.attribute);
      delete props[key];
    } else if (info.commaSeparated && Array.isArray(value)) {
      // hast keeps such lists as arrays, which serialize as "0, 0, 1, 1": EPUBCheck's pattern for coords rejects the spaces.
      props[key] = value.join(',');
    }
  }
  if (invalid.length > 0) reportInvalid(node, file, invalid);
  if (typeof props.href === 'string' && /^\s*javascript:/i.test(props.href)) {
    file.message('removed a javascript: link', { place: node.position, ruleId: 'xhtml' });
    delete props.href;
  }
}

/** Whether the HTML attribute `attribute` is valid on `tagName` in EPUB 3 XHTML. */
function isValidAttribute(tagName: string, attribute: string): boolean {
  if (/^(?:data-|aria-|xml:|xmlns(?::|$))/.test(attribute) || attribute === 'role' || attribute === 'epub:type') return true;
  const listed = htmlElementAttributes['*']?.includes(attribute) || htmlElementAttributes[tagName]?.includes(attribute);
  return Boolean(listed) && !notInEpub['*']?.includes(attribute) && !notInEpub[tagName]?.includes(attribute);
}

/** One warning naming the attributes removed from an element by `isValidAttribute`. */
function reportInvalid(node: Element, file: VFile, invalid: string[]): void {
  const names = invalid.length > 1 ? `the attributes ${invalid.join(', ')}` : `the attribute ${invalid[0]}`;
  // kramdown's markdown="1" asks for Markdown inside the block; CommonMark reads it only apart from the tags.
  const note = invalid.includes('markdown') ? '; Markdown inside an HTML block is not processed unless blank lines set it apart' : '';
  file.message(`removed ${names} from <${node.tagName}>: not valid in EPUB 3 XHTML${note}`, { place: node.position, ruleId: 'xhtml' });
}

/** Appends one declaration to the element's inline style. */
export function addStyle(node: Element, property: string, value: string): void {
  const style = typeof node.properties.style === 'string' ? node.properties.style.trim() : '';
  node.properties.style = `${style}${style && !style.endsWith(';') ? '; ' : style ? ' ' : ''}${property}: ${value};`;
}
