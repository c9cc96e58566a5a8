/**
 * GFM task lists become `<input type="checkbox" disabled>` with no label: screen readers announce
 * "checkbox, unlabelled" and Ace (axe's `label` rule) reports each as critical. The item's own
 * text (without its nested lists) names the checkbox, so it is read as "checked, <the task>".
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from './visit.js';

/** Whether `node` is the checkbox remark-gfm puts at the start of a task-list item. */
function isTaskCheckbox(node: ElementContent): node is Element {
  return node.type === 'element' && node.tagName === 'input' && node.properties.type === 'checkbox';
}

/** The text of a list item, leaving out its nested lists (their own items name their own boxes). */
function ownText(item: Element): string {
  const parts = item.children.map((child) => {
    if (child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')) return '';
    return child.type === 'element' || child.type === 'text' ? toString(child) : '';
  });
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The first checkbox of a task-list item: a direct child, or inside its first paragraph. */
function checkboxOf(item: Element): Element | undefined {
  const first = item.children.find((child): child is Element => child.type === 'element');
  if (!first) return undefined;
  // A loose item wraps its text, and the checkbox, in a paragraph.
  if (first.tagName === 'p') return first.children.find(isTaskCheckbox);
  return isTaskCheckbox(first) ? first : undefined;
}

/** The unified plugin. */
export default function rehypeTaskListLabels() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      const classes = node.properties.className;
      if (node.tagName !== 'li' || !Array.isArray(classes) || !classes.includes('task-list-item')) return;
      const box = checkboxOf(node);
      const name = ownText(node);
      if (box && name && box.properties.ariaLabel === undefined) box.properties.ariaLabel = name;
    });
  };
}
