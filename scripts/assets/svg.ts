/**
 * SVG images made safe for a book: scripts, event handlers and javascript: links removed, and what
 * drawing tools add for themselves taken out (the DOCTYPE, its entities expanded; parts that
 * require an extension no reader has). A book runs no scripts, and an EPUB holding a scripted SVG
 * must declare it, which stores and readers treat with suspicion; EPUB 3 forbids external
 * identifiers in a DOCTYPE. The drawing itself is kept as it is.
 */
import type { Element, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';
import { withoutDoctype } from './xml-doctype.js';

/**
 * The cleaned SVG, what was taken out of it (scripts) and what of its DOCTYPE could not be kept,
 * or the reason it is not well-formed XML.
 */
export type CleanedSvg = { data: Buffer; removed: string[]; warnings: string[] } | { problem: string };

/**
 * Removes `<script>`, `on…` attributes, `javascript:` links, the DOCTYPE and what no reader draws
 * from an SVG file; a file without any of them is returned byte for byte.
 */
export function cleanSvg(data: Buffer): CleanedSvg {
  const text = data.toString('utf8');
  const undeclared = withoutDoctype(text);
  if (undeclared && 'problem' in undeclared) return { problem: `it is not well-formed SVG (${undeclared.problem})` };
  let tree: Root;
  try {
    tree = fromXml(undeclared?.text ?? text);
  } catch (error) {
    // The parser's own message (`Named entity isn't defined: &ns_svg;`) says more than the wrapper's.
    const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error) : (error as Error);
    return { problem: `it is not well-formed SVG (${cause.message.split('\n')[0]})` };
  }
  const removed = new Set<string>();
  let undrawn = false;
  /** Cleans one element's attributes and children, depth first. */
  const clean = (parent: Root | Element): void => {
    parent.children = parent.children.filter((child) => {
      if (child.type !== 'element') return true;
      if (child.name.replace(/^.*:/, '') === 'script') {
        removed.add('<script>');
        return false;
      }
      if (neverDrawn(child)) {
        undrawn = true;
        return false;
      }
      for (const [name, value] of Object.entries(child.attributes)) {
        if (/^on/i.test(name)) {
          removed.add(`${name} attribute`);
          delete child.attributes[name];
        } else if (/(^|:)href$/.test(name) && /^\s*javascript:/i.test(String(value))) {
          removed.add('javascript: link');
          delete child.attributes[name];
        }
      }
      clean(child);
      return true;
    });
  };
  clean(tree);
  const warnings = undeclared?.warnings ?? [];
  if (removed.size === 0 && !undeclared && !undrawn) return { data, removed: [], warnings };
  return { data: Buffer.from(toXml(tree), 'utf8'), removed: [...removed], warnings };
}

/** The extensions a reader may have: EPUB's own (for XHTML in `<foreignObject>`), XHTML and MathML. */
const readerExtensions = new Set(['http://www.idpf.org/2007/ops', 'http://www.w3.org/1999/xhtml', 'http://www.w3.org/1998/Math/MathML']);

/**
 * Whether no reader draws an element: it requires an extension none has. Illustrator wraps its
 * private data in `<foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/">`
 * inside a `<switch>` that draws the next child instead; EPUBCheck rejects that foreignObject.
 */
function neverDrawn(element: Element): boolean {
  const required = element.attributes.requiredExtensions;
  if (typeof required !== 'string') return false;
  const extensions = required.trim().split(/\s+/).filter(Boolean);
  return extensions.length === 0 || extensions.some((uri) => !readerExtensions.has(uri));
}
