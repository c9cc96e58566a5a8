/**
 * Print only. Keeps KaTeX's HTML of each formula (rehype-math), set in KaTeX's fonts, which the
 * PDF embeds, and drops the MathML twin: hidden on screen, it would still print its text in a
 * system math font (possibly as Type 3). The formula is tagged as an image with its TeX as the
 * alternative text, so that the tagged PDF still says what it is.
 */
import type { Element, Root } from 'hast';
import { SKIP, visit } from './visit.js';
import { hasClass } from './hast-classes.js';
import { texOf } from './rehype-math.js';

/** The unified plugin. */
export default function rehypePrintMath() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      if (!hasClass(node, 'katex')) return undefined;
      const tex = texOf(node);
      node.children = node.children.filter((child) => !(child.type === 'element' && hasClass(child, 'katex-mathml')));
      // KaTeX hides its HTML from assistive technology (the MathML twin spoke for it); Chromium
      // leaves a picture whose content is all hidden out of the tags, alternative text and all.
      for (const child of node.children) if (child.type === 'element') delete child.properties.ariaHidden;
      node.properties.role = 'img';
      if (tex !== undefined) node.properties.ariaLabel = tex;
      return SKIP;
    });
  };
}
