/**
 * What the dev server adds to every preview page: the look stylesheet and its switch, the live
 * reload script, a toolbar with the warnings, and the error overlay. The toolbar lives in a
 * declarative shadow root so the book's stylesheets cannot restyle it, and it is rendered by the
 * server, so the overlay is in the page even before any script runs.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { PrintConfig } from '../config/print.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { PageFrame } from '../outputs/html/index.js';
import { blockingProblems, type PreviewState } from './session.js';

/** The two looks of the preview: the print stylesheet and the e-reader one. */
export const looks = ['print', 'epub'] as const;
export type Look = (typeof looks)[number];

// Runs in <head> before the body is parsed, so the tab's look applies without a flash.
const pickLook = `(function(){var l=sessionStorage.getItem('book-dev-look')==='print'?'print':'epub';document.documentElement.dataset.bookLook=l;document.getElementById('book-look').href='/_dev/look/'+l+'.css';})();`;

const toolbarCss = `
:host { all: initial; }
.bar { position: fixed; top: 0; left: 0; right: 0; z-index: 2147483646; display: flex; gap: .75rem; align-items: center;
  padding: .35rem .75rem; font: 13px/1.4 system-ui, sans-serif; color: #222; background: #f4f4f4; border-bottom: 1px solid #ccc; }
.bar a { color: #1a5fb4; text-decoration: none; }
.bar button { font: inherit; padding: .1rem .5rem; cursor: pointer; }
.spacer { flex: 1; }
details { position: relative; }
summary { cursor: pointer; color: #8a5a00; }
details ul { position: absolute; right: 0; top: 1.6rem; width: min(40rem, 90vw); max-height: 60vh; overflow: auto; margin: 0;
  padding: .5rem .75rem .5rem 1.75rem; background: #fffbe6; border: 1px solid #d9c77a; font: 12px/1.5 ui-monospace, monospace; }
#book-dev-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; padding: 3rem 2rem; background: rgba(40, 0, 0, .86);
  color: #fff; font: 14px/1.5 ui-monospace, monospace; }
#book-dev-overlay h2 { margin: 0 0 1rem; font: bold 18px/1.3 system-ui, sans-serif; color: #ff8a80; }
#book-dev-overlay li { margin: .25rem 0; white-space: pre-wrap; }
#book-dev-overlay p { color: #ddd; font-family: system-ui, sans-serif; }
`;

/** Which view of a chapter a page is: its text in one of the looks, or its printed pages. */
export interface ChapterView {
  /** Lets a tab find its chapter after renumbering (server.ts `chapterKeys`). */
  chapterKey: string | undefined;
  view: 'text' | 'pages';
  /** The chapter's publication name (`ch02.xhtml`). */
  href: string;
}

/** The page frame for one preview page, with a switch to the chapter's other view when it shows one. */
export function devFrame(state: PreviewState, strict: boolean, chapter?: ChapterView): PageFrame {
  const chapterKey = chapter?.chapterKey;
  const head: ElementContent[] = [
    // Formulas are KaTeX's HTML in the preview, as in print; its fonts load only when a page has one.
    h('link', { rel: 'stylesheet', href: '/_dev/katex.css' }),
    h('link', { id: 'book-look', rel: 'stylesheet', href: '/_dev/look/epub.css' }),
    h('script', pickLook),
    h('link', { rel: 'stylesheet', href: `/_dev/preview.css?v=${state.version}` }),
    h('script', { src: '/_dev/live.js', defer: true }),
  ];
  const htmlProperties: Record<string, string> = { 'data-book-version': String(state.version) };
  if (chapterKey) htmlProperties['data-book-chapter'] = chapterKey;
  return { head, before: [toolbar(state, strict, chapter)], htmlProperties };
}

/** The chapter's print pages, filling the window below the toolbar; the version makes each rebuild load anew. */
export function pagesView(chapterId: string, version: number): ElementContent {
  return h('iframe', { className: ['book-pages'], src: `/_dev/pages/${chapterId}.pdf?v=${version}`, title: 'print pages' });
}

/** The toolbar and, when the book has errors, the overlay, inside a declarative shadow root. */
function toolbar(state: PreviewState, strict: boolean, chapter: ChapterView | undefined): ElementContent {
  const problems = blockingProblems(state, strict);
  const warnings = state.diagnostics.filter((d) => d.fatal === false && !problems.includes(d));
  const bar = h('div.bar', [
    h('a', { href: '/' }, state.manuscript?.config.labels.toc ?? 'Contents'),
    h('span.spacer'),
    warnings.length ? h('details', [h('summary', `${warnings.length} warning(s)`), h('ul', warnings.map((d) => h('li', formatDiagnostic(d))))]) : h('span'),
    chapter?.view === 'pages'
      ? h('a', { id: 'view', href: `/${chapter.href}`, title: 'Back to the text of this chapter' }, 'text')
      : h('button', { type: 'button', id: 'look', title: 'Switch between the print look and the e-reader look' }, 'print / e-reader'),
    chapter?.view === 'text' ? h('a', { id: 'view', href: `/_dev/pages/${chapter.href}`, title: 'This chapter printed, page by page (without folios)' }, 'pages') : h('span'),
  ]);
  const parts: ElementContent[] = [h('style', toolbarCss), bar];
  if (problems.length || state.failure) parts.push(overlay(problems, state.failure, strict));
  return h('book-dev', [h('template', { shadowrootmode: 'open' }, parts)]);
}

/** The error overlay: every blocking problem as `file:line:column: message`. */
function overlay(problems: Diagnostic[], failure: string | undefined, strict: boolean): ElementContent {
  return h('div', { id: 'book-dev-overlay', role: 'alert' }, [
    h('h2', 'The book has errors'),
    h('ul', [...problems.map((d) => h('li', formatDiagnostic(d, strict))), ...(failure ? [h('li', failure)] : [])]),
    h('p', 'Fix the file and save: this page reloads by itself. The last good version of the book is shown below.'),
  ]);
}

/** Page styles outside the shadow root: room for the toolbar, and the print look as a sheet of paper. */
export function previewCss(print: PrintConfig | undefined): string {
  const sheet = print
    ? `html[data-book-look="print"] { background: #8c8c8c; }
html[data-book-look="print"] body { box-sizing: border-box; width: ${print.trimWidth}mm; min-height: ${print.trimHeight}mm;
  margin: 3rem auto 2rem; padding: ${print.margins.top}mm ${print.margins.outer}mm ${print.margins.bottom}mm ${print.margins.inner}mm;
  background: #fff; box-shadow: 0 0 .6rem rgba(0, 0, 0, .5); font-size: ${print.fontSize}pt; }`
    : '';
  return `html[data-book-look="epub"] body { max-width: 42em; margin: 3rem auto 2rem; padding: 0 1rem; }
html:has(.book-pages) body { margin: 0; }
.book-pages { position: fixed; top: 2.2rem; left: 0; width: 100%; height: calc(100% - 2.2rem); border: 0; background: #8c8c8c; }
.book-pager { display: flex; justify-content: space-between; gap: 1rem; margin: 3em 0 1em; font: 14px/1.4 system-ui, sans-serif; }
${sheet}
`;
}
