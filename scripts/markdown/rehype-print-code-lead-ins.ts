/**
 * Print only. Marks the paragraph directly before a code block (a `pre`, or a titled listing's
 * figure), with nothing between them, as the block's lead-in (class `lead-in`): print.css keeps
 * it on the page where the block starts. In a technical book such a paragraph introduces the
 * block, whether it ends in a colon or in words ("다음과 같습니다.", "다음 명령을 실행합니다.",
 * "결과는 아래와 같습니다."), so position decides, not wording; at most its last two lines go
 * over with the block.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { visit } from './visit.js';
import { addClass, hasClass } from './hast-classes.js';

/** The unified plugin. */
export default function rehypePrintCodeLeadIns() {
  return (tree: Root): void => {
    visit(tree, 'element', (el: Element, index, parent) => {
      if (index === undefined || !parent || !isCodeBlock(el)) return undefined;
      const before = previousElement(parent.children, index);
      if (before?.tagName === 'p') addClass(before, 'lead-in');
      return 'skip';
    });
  };
}

/** Whether an element is a code block as printed: `pre`, or a titled listing (`figure.listing`). */
function isCodeBlock(el: Element): boolean {
  return el.tagName === 'pre' || (el.tagName === 'figure' && hasClass(el, 'listing'));
}

/** The element before `index` among `siblings`, past white space and comments; none when text comes between. */
function previousElement(siblings: (RootContent | ElementContent)[], index: number): Element | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const node = siblings[i] as RootContent;
    if (node.type === 'element') return node;
    if (node.type === 'comment' || (node.type === 'text' && !node.value.trim())) continue;
    return undefined;
  }
  return undefined;
}
