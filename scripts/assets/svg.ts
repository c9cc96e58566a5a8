/**
 * SVG images made safe for a book: scripts, event handlers and javascript: links removed. A book
 * runs no scripts, and an EPUB holding a scripted SVG must declare it, which stores and readers
 * treat with suspicion; the drawing itself is kept as it is.
 */
import type { Element, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';

/** The cleaned SVG and what was taken out of it, or the reason it is not well-formed XML. */
export type CleanedSvg = { data: Buffer; removed: string[] } | { problem: string };

/** Removes `<script>`, `on…` attributes and `javascript:` links from an SVG file. */
export function cleanSvg(data: Buffer): CleanedSvg {
  let tree: Root;
  try {
    tree = fromXml(data.toString('utf8'));
  } catch (error) {
    return { problem: `it is not well-formed SVG (${(error as Error).message.split('\n')[0]})` };
  }
  const removed = new Set<string>();
  /** Cleans one element's attributes and children, depth first. */
  const clean = (parent: Root | Element): void => {
    parent.children = parent.children.filter((child) => {
      if (child.type !== 'element') return true;
      if (child.name.replace(/^.*:/, '') === 'script') {
        removed.add('<script>');
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
  if (removed.size === 0) return { data, removed: [] };
  return { data: Buffer.from(toXml(tree), 'utf8'), removed: [...removed] };
}
