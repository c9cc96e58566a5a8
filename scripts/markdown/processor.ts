/**
 * The passes every chapter goes through once, for every output, and the two processors made of
 * them, each built once per build and reused for every file. The order of the passes matters and
 * is explained where it does. The book's own plugins (book.yaml `remarkPlugins`/`rehypePlugins`)
 * run after the built-in ones of their kind.
 */
import rehypeHighlight from 'rehype-highlight';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { all } from 'lowlight';
import type { Labels } from '../config/labels.js';
import { OutputPasses, passesFor, processorWith, type Pass } from './passes.js';
import rehypeEpubMath from './rehype-epub-math.js';
import rehypeEpubStandIns from './rehype-epub-stand-ins.js';
import rehypeFootnotes from './rehype-footnotes.js';
import rehypeLangTags from './rehype-lang-tags.js';
import rehypeMath from './rehype-math.js';
import rehypePrintCodeLeadIns from './rehype-print-code-lead-ins.js';
import rehypePrintCodeLines from './rehype-print-code-lines.js';
import rehypePrintHangulRuns from './rehype-print-hangul-runs.js';
import rehypePrintMath from './rehype-print-math.js';
import rehypePrintOpenDetails from './rehype-print-open-details.js';
import rehypePrintUrlLinks, { type UrlLinksOptions } from './rehype-print-url-links.js';
import rehypePrintSvgImages, { type Options as SvgImageOptions } from './rehype-print-svg-images.js';
import rehypePrintWideTables from './rehype-print-wide-tables.js';
import rehypeRawHtml from './rehype-raw-html.js';
import rehypeTableAlign from './rehype-table-align.js';
import rehypeTaskListLabels from './rehype-task-list-labels.js';
import rehypeXhtmlSafe from './rehype-xhtml-safe.js';
import remarkAlerts from './remark-alerts.js';
import remarkAutolinkBounds from './remark-autolink-bounds.js';
import remarkCodeInfo from './remark-code-info.js';
import remarkFrontMatter from './remark-front-matter.js';
import remarkImageAlt from './remark-image-alt.js';
import remarkLiquid from './remark-liquid.js';
import remarkMathDollars from './remark-math-dollars.js';
import remarkQuotes from './remark-quotes.js';
import remarkRawHtml from './remark-raw-html.js';
import remarkRustHiddenLines from './remark-rust-hidden-lines.js';
import remarkTableCells from './remark-table-cells.js';
import remarkUndefinedFootnotes from './remark-undefined-footnotes.js';

/** The book's own plugins, loaded (config/plugins.ts). */
export interface BookPlugins {
  remark: Pass[];
  rehype: Pass[];
}

const noPlugins: BookPlugins = { remark: [], rehype: [] };

/** Markdown passes, on the tree of a whole file before it is split into chapters. */
function markdownPasses(): Pass[] {
  return [
    { name: 'remark-parse', scope: 'all', plugin: remarkParse },
    { name: 'remark-gfm', scope: 'all', plugin: remarkGfm },
    { name: 'remark-frontmatter', scope: 'all', plugin: remarkFrontmatter, options: ['yaml'] },
    // GitHub's math syntax: `$$…$$` and ```math here, `$…$` by remark-math-dollars (typeset by rehype-math).
    { name: 'remark-math', scope: 'all', plugin: remarkMath, options: { singleDollarTextMath: false } },
    { name: 'remark-front-matter', scope: 'all', plugin: remarkFrontMatter },
    { name: 'remark-liquid', scope: 'all', plugin: remarkLiquid },
    // `$…$` by GitHub's rules, so that prices and shell variables (`$5 and $10`, `$HOME`) stay text.
    { name: 'remark-math-dollars', scope: 'all', plugin: remarkMathDollars },
    // Bare URLs end before `)에서` or `。`, which GFM's autolinks run on into.
    { name: 'remark-autolink-bounds', scope: 'all', plugin: remarkAutolinkBounds },
    { name: 'remark-table-cells', scope: 'all', plugin: remarkTableCells },
    { name: 'remark-undefined-footnotes', scope: 'all', plugin: remarkUndefinedFootnotes },
    // Info strings as books write them (`rust,ignore`, `{.python}`, `js title="app.js"`): the
    // language word alone in `lang`, which the highlighter reads; then Rust's hidden lines out.
    { name: 'remark-code-info', scope: 'all', plugin: remarkCodeInfo },
    { name: 'remark-rust-hidden-lines', scope: 'all', plugin: remarkRustHiddenLines },
    // Placeholders such as <username> must become text before rehype-raw would parse them as elements.
    { name: 'remark-raw-html', scope: 'all', plugin: remarkRawHtml },
  ];
}

/** HTML passes for every output, on each chapter (ids and links are resolved later, book-wide). */
function htmlPasses(labels: Labels, language: string): Pass[] {
  const { note, tip, important, warning, caution } = labels;
  return [
    // On the Markdown tree, where code, raw HTML and attributes are apart from prose; before the
    // chapter's title is read from its H1, so the contents show the same marks as the text.
    { name: 'remark-quotes', scope: 'all', plugin: remarkQuotes, options: { language } },
    // On the chapter's Markdown tree still: alerts are quotes until their titles are set.
    { name: 'remark-alerts', scope: 'all', plugin: remarkAlerts, options: { titles: { note, tip, important, warning, caution } } },
    // After the book's own remark plugins, which may mark an image decorative.
    { name: 'remark-image-alt', scope: 'all', plugin: remarkImageAlt },
    {
      name: 'remark-rehype',
      scope: 'all',
      plugin: remarkRehype,
      options: {
        allowDangerousHtml: true,
        // Chapters are separate documents in every output, so short ids cannot clash.
        clobberPrefix: '',
        footnoteLabel: labels.footnotes,
        footnoteBackLabel: labels.backToText,
      },
    },
    { name: 'rehype-raw-html', scope: 'all', plugin: rehypeRawHtml },
    { name: 'rehype-xhtml-safe', scope: 'all', plugin: rehypeXhtmlSafe },
    { name: 'rehype-lang-tags', scope: 'all', plugin: rehypeLangTags },
    // Before highlighting, which would take ```math for a language it does not know.
    { name: 'rehype-math', scope: 'all', plugin: rehypeMath },
    // Highlighting at build time: the book carries coloured spans, never JavaScript. Only
    // blocks that name a language are highlighted; the rest stay plain. Mermaid blocks become
    // diagrams (rehype-mermaid), or stay plain when mermaid cannot draw them. `shell-session` is
    // GitHub's name for a terminal session, highlight.js's `shell` (`console`).
    { name: 'rehype-highlight', scope: 'all', plugin: rehypeHighlight, options: { languages: all, detect: false, plainText: ['mermaid'], aliases: { shell: ['shell-session', 'sh-session'] } } },
    { name: 'rehype-table-align', scope: 'all', plugin: rehypeTableAlign },
    { name: 'rehype-task-list-labels', scope: 'all', plugin: rehypeTaskListLabels },
    { name: 'rehype-footnotes', scope: 'all', plugin: rehypeFootnotes, options: { label: labels.footnotes, backLabel: labels.backToText } },
  ];
}

/** Markdown text -> a cleaned Markdown tree (one per file, before it is split into chapters). */
export function createMarkdownParser(plugins = noPlugins) {
  return processorWith([...markdownPasses(), ...plugins.remark]).freeze();
}

/** One chapter's Markdown tree -> its HTML tree, with the passes every output shares (`language`: the book's, for its quotation marks). */
export function createHtmlConverter(labels: Labels, plugins = noPlugins, language = 'en') {
  return processorWith([...htmlPasses(labels, language), ...passesFor(plugins.rehype, 'all')]).freeze();
}

/**
 * Passes of the printed book (the PDF and the dev server's page view); `codeCapacity`: how many
 * half-width characters fit on a code line of the text block; `images`: the book's images by
 * href, so that SVG images with text can be drawn into the page; `links`: where external links'
 * addresses are printed, in the book's language and words.
 */
export function printPasses(codeCapacity: number, plugins = noPlugins, images: SvgImageOptions['images'] = new Map(), links: UrlLinksOptions = {}): OutputPasses {
  return new OutputPasses([
    { name: 'rehype-print-code-lines', scope: 'print', plugin: rehypePrintCodeLines, options: { capacity: codeCapacity } },
    { name: 'rehype-print-code-lead-ins', scope: 'print', plugin: rehypePrintCodeLeadIns },
    { name: 'rehype-print-open-details', scope: 'print', plugin: rehypePrintOpenDetails },
    { name: 'rehype-print-url-links', scope: 'print', plugin: rehypePrintUrlLinks, options: links },
    { name: 'rehype-print-wide-tables', scope: 'print', plugin: rehypePrintWideTables },
    { name: 'rehype-print-math', scope: 'print', plugin: rehypePrintMath },
    { name: 'rehype-print-svg-images', scope: 'print', plugin: rehypePrintSvgImages, options: { images } },
    // Last of the built-in passes: it splits text nodes, which the passes before it read whole.
    { name: 'rehype-print-hangul-runs', scope: 'print', plugin: rehypePrintHangulRuns },
    ...passesFor(plugins.rehype, 'print'),
  ]);
}

/**
 * Passes of the EPUB: images pointed at their core-type stand-ins (`standIns`: original href ->
 * stand-in href), formulas as MathML when the book has any (`math`). Without passes the chapter
 * trees are serialized as they are, uncopied.
 */
export function epubPasses(standIns: Map<string, string>, plugins = noPlugins, math = false): OutputPasses {
  const own: Pass[] = standIns.size ? [{ name: 'rehype-epub-stand-ins', scope: 'epub', plugin: rehypeEpubStandIns, options: { standIns } }] : [];
  if (math) own.push({ name: 'rehype-epub-math', scope: 'epub', plugin: rehypeEpubMath });
  return new OutputPasses([...own, ...passesFor(plugins.rehype, 'epub')]);
}

/** Passes of the live preview. */
export function previewPasses(plugins = noPlugins): OutputPasses {
  return new OutputPasses(passesFor(plugins.rehype, 'preview'));
}
