/**
 * Numbered captions for figures and tables, as printed books number them ("그림 3-1", "표 3-1"):
 * an image alone in its paragraph with a title (`![alt](a.png "caption")`) becomes a
 * `<figure>` with that title as its `<figcaption>`; a table followed by a paragraph that starts
 * with `Table:` or `:` (pandoc's caption syntax) takes that paragraph as its `<caption>`; drawn
 * diagrams with a caption and tables with one written in HTML are numbered too. Numbers run per
 * top-level chapter, in reading order, so this pass runs book-wide (manuscript/captions.ts) with
 * the chapter's number and the counts of the chapter's earlier files.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from './visit.js';
import type { VFile } from 'vfile';
import { hasClass } from './hast-classes.js';

export interface Options {
  /** The labels, `{n}` standing for the number (labels.ts `figure`, `table`). */
  figureLabel: string;
  tableLabel: string;
  /** The number of the top-level chapter the tree belongs to. */
  chapter: number;
  /** Figures and tables of the same chapter numbered before this tree. */
  figures: number;
  tables: number;
}

/** What the pass counted, for the next tree of the same chapter. */
export interface CaptionCounts {
  figures: number;
  tables: number;
}

declare module 'vfile' {
  interface DataMap {
    /** The figures and tables numbered up to the end of the tree (rehype-captions). */
    captions: CaptionCounts;
  }
}

/** A caption paragraph's opening, as pandoc writes it: `Table: …` or `: …`. */
const tableCaption = /^(Table)?:[ \t]+/;

/** Whether a node is only white space between elements. */
function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/** The image a paragraph holds alone (white space aside), when it has a title to be its caption. */
function titledImage(paragraph: Element): Element | undefined {
  const content = paragraph.children.filter((child) => !isBlank(child));
  const image = content[0];
  if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return undefined;
  const title = image.properties.title;
  return typeof title === 'string' && title.trim() ? image : undefined;
}

/** The caption's label, such as `그림 3-1`, as the first words of a caption. */
function label(template: string, chapter: number, count: number): ElementContent[] {
  return [h('span', { className: ['caption-label'] }, template.replace('{n}', `${chapter}-${count}`)), { type: 'text', value: ' ' }];
}

/**
 * The paragraph after `index` in `parent` when it is a table caption (`Table: …`), with the
 * caption's content (its prefix removed).
 */
function captionAfter(parent: Root | Element, index: number): { at: number; content: ElementContent[] } | undefined {
  let at = index + 1;
  while (at < parent.children.length && isBlank(parent.children[at] as ElementContent)) at++;
  const next = parent.children[at];
  if (next?.type !== 'element' || next.tagName !== 'p') return undefined;
  const first = next.children[0];
  if (first?.type !== 'text' || !tableCaption.test(first.value)) return undefined;
  const rest: Text = { type: 'text', value: first.value.replace(tableCaption, '') };
  return { at, content: [...(rest.value ? [rest] : []), ...next.children.slice(1)] };
}

/** The unified plugin. */
export default function rehypeCaptions(options: Options) {
  return (tree: Root, file: VFile): void => {
    let { figures, tables } = options;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return undefined;
      if (node.tagName === 'p') {
        const image = titledImage(node);
        if (!image) return undefined;
        const title = String(image.properties.title).trim();
        // The title is the caption now: left on the image too, readers would show it twice.
        delete image.properties.title;
        parent.children[index] = h('figure', { className: ['figure'] }, [image, h('figcaption', [...label(options.figureLabel, options.chapter, ++figures), { type: 'text', value: title }])]);
        return SKIP;
      }
      if (node.tagName === 'figure' && hasClass(node, 'diagram')) {
        const caption = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
        if (caption) caption.children.unshift(...label(options.figureLabel, options.chapter, ++figures));
        return SKIP;
      }
      if (node.tagName !== 'table') return undefined;
      let caption = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption');
      if (!caption) {
        const written = captionAfter(parent, index);
        if (!written) return SKIP;
        parent.children.splice(written.at, 1);
        caption = h('caption', written.content);
        node.children.unshift(caption);
      }
      caption.children.unshift(...label(options.tableLabel, options.chapter, ++tables));
      return SKIP;
    });
    file.data.captions = { figures, tables };
  };
}
