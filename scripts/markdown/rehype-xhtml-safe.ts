/**
 * Makes raw HTML from the manuscript fit for EPUB 3 XHTML without silently losing it:
 * presentational attributes become CSS, scripts and other active content are removed with a
 * warning, and elements that are not HTML keep their text.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { htmlTagNames } from 'html-tag-names';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';

const known = new Set(htmlTagNames);
// Active or document-level content that an EPUB content document may not carry in its body.
const removed = new Set(['script', 'noscript', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta', 'title', 'head', 'template']);
// Audio and video: a printed page cannot play them, and an EPUB would need the file packaged with
// a fallback for readers without the codec; the author's fallback content is what both can show.
const media = new Set(['video', 'audio']);
// Obsolete elements with a modern equivalent.
const renamed: Record<string, string> = { center: 'div', font: 'span', big: 'span', tt: 'code', strike: 's', acronym: 'abbr' };
// Obsolete presentational attributes and the CSS property each one maps to.
const toCss: Record<string, string> = { align: 'text-align', vAlign: 'vertical-align', bgColor: 'background-color', color: 'color' };
// An XML attribute name without a prefix, or with one our documents declare.
const xmlAttributeName = /^(?:(?:epub|xml|xlink):)?[A-Za-z_][\w.-]*$/;
// hast knows no MathML namespace: without it, XHTML readers take <math> for an unknown HTML element.
const mathmlNamespace = 'http://www.w3.org/1998/Math/MathML';
const dropped = ['border', 'cellPadding', 'cellSpacing', 'frameBorder', 'noWrap', 'face', 'size', 'clear'];

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
      if (removed.has(name)) {
        file.message(`removed <${name}>: EPUB content may not contain it`, { place: node.position, ruleId: 'xhtml' });
        parent.children.splice(index, 1);
        return [SKIP, index] as const;
      }
      if (media.has(name)) {
        const replacement = mediaFallback(node);
        file.message(`replaced <${name}> by ${replacement.kind}: the book does not carry audio or video`, { place: node.position, ruleId: 'xhtml' });
        parent.children.splice(index, 1, ...replacement.nodes);
        return [SKIP, index] as const;
      }
      if (!known.has(name) && !name.includes(':') && !foreign) {
        file.message(`<${name}> is not an HTML element: kept its text`, { place: node.position, ruleId: 'xhtml' });
        parent.children.splice(index, 1, ...(node.children as ElementContent[]));
        return [SKIP, index] as const;
      }
      if (renamed[name]) {
        if (name === 'center') addStyle(node, 'text-align', 'center');
        node.tagName = renamed[name] as string;
      }
      if (name === 'math') node.properties.xmlns = mathmlNamespace;
      cleanAttributes(node, file, foreign || name === 'svg' || name === 'math');
      return undefined;
    });
  };
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

/**
 * Moves presentational attributes into `style` and drops event handlers. In SVG and MathML
 * (`foreign`) attributes such as width, height and color are the element's own and stay.
 */
function cleanAttributes(node: Element, file: VFile, foreign: boolean): void {
  const props = node.properties;
  for (const key of Object.keys(props)) {
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
      addStyle(node, toCss[key] as string, String(props[key]));
      delete props[key];
    } else if (dropped.includes(key) || ((key === 'width' || key === 'height') && !['img', 'video', 'canvas', 'svg'].includes(node.tagName))) {
      delete props[key];
    }
  }
  if (typeof props.href === 'string' && /^\s*javascript:/i.test(props.href)) {
    file.message('removed a javascript: link', { place: node.position, ruleId: 'xhtml' });
    delete props.href;
  }
}

/** Appends one declaration to the element's inline style. */
export function addStyle(node: Element, property: string, value: string): void {
  const style = typeof node.properties.style === 'string' ? node.properties.style.trim() : '';
  node.properties.style = `${style}${style && !style.endsWith(';') ? '; ' : style ? ' ' : ''}${property}: ${value};`;
}
