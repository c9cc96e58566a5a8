/**
 * GitHub's alerts: a blockquote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
 * `[!WARNING]` or `[!CAUTION]` (any case) with nothing else on that line becomes a note box, with
 * a title in the book's language and a small icon. The box is a `div` with `role="note"`, not an
 * `<aside>`: reading systems take an aside (with epub:type note or footnote) for a pop-up note and
 * hide it from the running text, while a note box belongs in the text. As on GitHub, an alert
 * inside another element (a list, a quote) and an unknown kind stay quotes; both are reported.
 */
import type { Blockquote, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import { SKIP, visit } from './visit.js';
import type { VFile } from 'vfile';
import { alertIcon, alertKinds, type AlertKind } from './alert-icons.js';

/** The title of each kind, in the book's language (config/labels.ts). */
export interface AlertsOptions {
  titles: Record<AlertKind, string>;
}

// A marker opens the quote's first line: `[!KIND]`, then only spaces up to the line's end.
const markerPattern = /^\[!([A-Za-z]+)\]/;

/** The unified plugin. */
export default function remarkAlerts(options: AlertsOptions) {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'blockquote', (node: Blockquote, _index, parent) => {
      const found = markerOf(node);
      if (!found) return undefined;
      const name = `[!${found.name}]`;
      const place = { place: found.text.position ?? node.position, ruleId: 'alert' };
      if (!(alertKinds as readonly string[]).includes(found.kind)) {
        file.message(`unknown alert ${name}: kept as a quote (GitHub knows ${alertKinds.map((k) => `[!${k.toUpperCase()}]`).join(', ')})`, place);
      } else if (!found.alone) {
        file.message(`the alert marker ${name} must be alone on its line: kept as a quote`, place);
      } else if (parent?.type !== 'root') {
        file.message(`an alert cannot be nested in another element: ${name} kept as a quote, as on GitHub`, place);
      } else if (!makeAlert(node, found.kind as AlertKind, options.titles)) {
        file.message(`the alert ${name} has nothing in it: kept as a quote`, place);
      }
      return SKIP;
    });
  };
}

/** What opens a quote that starts like an alert: the marker's text node, its kind and whether the line holds nothing else. */
function markerOf(node: Blockquote): { text: Text; name: string; kind: string; alone: boolean } | undefined {
  const paragraph = node.children[0];
  const text = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined;
  if (text?.type !== 'text') return undefined;
  const match = markerPattern.exec(text.value);
  if (!match) return undefined;
  const rest = text.value.slice(match[0].length);
  const next = (paragraph as Paragraph).children[1];
  // The line ends within the text (a soft break), or the text ends and a hard break or nothing follows.
  const alone = /^[ \t]*(\n|$)/.test(rest) && (rest.includes('\n') || next === undefined || next.type === 'break');
  return { text, name: match[1] as string, kind: (match[1] as string).toLowerCase(), alone };
}

/** Turns a quote opened by a marker alone on its line into an alert; false when nothing follows the marker. */
function makeAlert(node: Blockquote, kind: AlertKind, titles: Record<AlertKind, string>): boolean {
  const paragraph = node.children[0] as Paragraph;
  const text = paragraph.children[0] as Text;
  const remaining = text.value.replace(/^[^\n]*\n?/, '');
  const rest: PhrasingContent[] = paragraph.children.slice(1);
  if (!remaining && rest[0]?.type === 'break') rest.shift();
  // The text left after the marker starts on the next line, at a column the quote's `>` hides: it gets no position.
  const inline: PhrasingContent[] = remaining ? [{ type: 'text', value: remaining }, ...rest] : rest;
  const blocks = node.children.slice(1);
  if (inline.length === 0 && blocks.length === 0) return false;
  const title: Paragraph = {
    type: 'paragraph',
    children: [{ type: 'text', value: titles[kind] }],
    data: { hProperties: { className: ['alert-title'] }, hChildren: [alertIcon(kind), { type: 'text', value: titles[kind] }] },
  };
  if (text.position) title.position = text.position;
  paragraph.children = inline;
  node.children = [title, ...(inline.length ? [paragraph] : []), ...blocks];
  node.data = { ...node.data, hName: 'div', hProperties: { className: ['alert', `alert-${kind}`], role: 'note' } };
  return true;
}
