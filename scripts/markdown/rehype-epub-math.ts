/**
 * EPUB only. Keeps KaTeX's MathML of each formula (rehype-math) and drops its HTML twin: reading
 * systems render MathML and read it aloud, while KaTeX's HTML needs its stylesheet and fonts. The
 * TeX goes into `alttext` as well, for readers that render neither.
 */
import type { Element, Root } from 'hast';
import { SKIP, visit } from './visit.js';
import { hasClass } from './hast-classes.js';
import { texOf } from './rehype-math.js';

/** The unified plugin. */
export default function rehypeEpubMath() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element, index, parent) => {
      // A display formula is a .katex inside a .katex-display: the outer one is met first.
      if (!parent || index === undefined || !(hasClass(node, 'katex-display') || hasClass(node, 'katex'))) return undefined;
      const math = mathOf(node);
      if (!math) return undefined;
      const tex = texOf(math);
      if (tex !== undefined) math.properties.alttext = tex;
      parent.children.splice(index, 1, math);
      return SKIP;
    });
  };
}

/** The <math> element inside a typeset formula. */
function mathOf(formula: Element): Element | undefined {
  let math: Element | undefined;
  visit(formula, 'element', (node: Element) => {
    if (node.tagName !== 'math') return undefined;
    math = node;
    return false;
  });
  return math;
}
