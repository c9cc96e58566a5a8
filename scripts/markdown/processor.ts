/**
 * The two unified processors every chapter goes through, each built once per build and reused
 * for every file. The order of the stages matters and is explained where it does.
 */
import rehypeHighlight from 'rehype-highlight';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { all } from 'lowlight';
import type { Labels } from '../config/labels.js';
import rehypeFootnotes from './rehype-footnotes.js';
import rehypeRawHtml from './rehype-raw-html.js';
import rehypeTableAlign from './rehype-table-align.js';
import rehypeXhtmlSafe from './rehype-xhtml-safe.js';
import remarkFrontMatter from './remark-front-matter.js';
import remarkLiquid from './remark-liquid.js';
import remarkRawHtml from './remark-raw-html.js';
import remarkTableCells from './remark-table-cells.js';
import remarkUndefinedFootnotes from './remark-undefined-footnotes.js';

/** Markdown text -> a cleaned Markdown tree (one per file, before it is split into chapters). */
export function createMarkdownParser() {
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkFrontMatter)
      .use(remarkLiquid)
      .use(remarkTableCells)
      .use(remarkUndefinedFootnotes)
      // Placeholders such as <username> must become text before rehype-raw would parse them as elements.
      .use(remarkRawHtml)
      .freeze()
  );
}

/** One chapter's Markdown tree -> its HTML tree (ids and links are resolved later, book-wide). */
export function createHtmlConverter(labels: Labels) {
  return (
    unified()
      .use(remarkRehype, {
        allowDangerousHtml: true,
        // Chapters are separate documents in every output, so short ids cannot clash.
        clobberPrefix: '',
        footnoteLabel: labels.footnotes,
        footnoteBackLabel: labels.backToText,
      })
      .use(rehypeRawHtml)
      .use(rehypeXhtmlSafe)
      // Highlighting at build time: the book carries coloured spans, never JavaScript. Only
      // blocks that name a language are highlighted; the rest stay plain.
      .use(rehypeHighlight, { languages: all, detect: false })
      .use(rehypeTableAlign)
      .use(rehypeFootnotes, { label: labels.footnotes, backLabel: labels.backToText })
      .freeze()
  );
}
