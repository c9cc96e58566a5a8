/**
 * The book's table of contents as a tree, made once from the manuscript model and drawn by each
 * output in its own form (EPUB nav and NCX, the PDF's 차례 page and bookmarks, the preview).
 */
import type { Chapter, Heading, Manuscript } from '../manuscript/model.js';

/** One entry: a part title (no link), a chapter, or a heading inside a chapter. */
export interface TocEntry {
  title: string;
  /** The chapter this entry belongs to; absent for part titles. */
  chapter?: Chapter;
  /** The heading id inside the chapter; absent for the chapter itself and for parts. */
  id?: string;
  children: TocEntry[];
}

/**
 * Nests chapters under their parts and SUMMARY.md parents, and each chapter's h2/h3 headings
 * under it, down to `maxDepth`.
 */
export function buildToc(manuscript: Manuscript, maxDepth = 3): TocEntry[] {
  const top: TocEntry[] = [];
  // The open entries at each nesting depth; a part resets the chain.
  let stack: { depth: number; entry: TocEntry }[] = [];
  let container = top;
  for (const chapter of manuscript.chapters) {
    if (chapter.partTitle) {
      const part: TocEntry = { title: chapter.partTitle, children: [] };
      top.push(part);
      container = part.children;
      stack = [];
    } else if (chapter.outsideParts && container !== top) {
      // A suffix chapter after the last part (an appendix) closes that part.
      container = top;
      stack = [];
    }
    const entry: TocEntry = { title: chapter.title, chapter, children: headingEntries(chapter, maxDepth) };
    while (stack.length && (stack.at(-1) as { depth: number }).depth >= chapter.depth) stack.pop();
    const parent = stack.at(-1);
    (parent ? parent.entry.children : container).push(entry);
    stack.push({ depth: chapter.depth, entry });
  }
  return top;
}

/** A chapter's headings below its title, nested by level. */
function headingEntries(chapter: Chapter, maxDepth: number): TocEntry[] {
  const result: TocEntry[] = [];
  const open: { depth: number; entry: TocEntry }[] = [];
  const repeated = repeatedTitle(chapter);
  // The first H1 is the chapter title itself; a repeated title is not listed twice, its sections move up.
  const below = chapter.headings.filter((h, i) => !(i === 0 && h.depth === 1) && h !== repeated);
  for (const heading of below.filter((h) => h.depth <= maxDepth)) {
    const entry: TocEntry = { title: heading.text, chapter, id: heading.id, children: [] };
    while (open.length && (open.at(-1) as { depth: number }).depth >= heading.depth) open.pop();
    const parent = open.at(-1);
    (parent ? parent.entry.children : result).push(entry);
    open.push({ depth: heading.depth, entry });
  }
  return result;
}

/**
 * The chapter's first section heading when it repeats the chapter's title (a GitBook page's H1
 * then an H2 of the same words, or a SUMMARY.md title equal to the heading): the contents list it
 * once and the print shows it once.
 */
export function repeatedTitle(chapter: Pick<Chapter, 'headings' | 'title'>): Heading | undefined {
  const first = chapter.headings.find((h, i) => !(i === 0 && h.depth === 1));
  return first && sameTitle(first.text, chapter.title) ? first : undefined;
}

/** Whether two titles are the same words, whatever their spacing. */
function sameTitle(a: string, b: string): boolean {
  const words = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ');
  return words(a) === words(b);
}

/**
 * Beyond this many entries down to h3 sections (parts and chapters included), the printed contents
 * list h2 sections only: at the default 신국판 size and 10pt, 120 lines fill about four pages, and a
 * 1,000-page book listing every h3 took 43.
 */
export const printedEntriesWithH3 = 120;

/** How deep the printed contents go: as book.yaml says, else h3 sections while the contents stay short, else h2. */
export function printedTocDepth(manuscript: Manuscript): number {
  const written = manuscript.config.toc.printDepth;
  if (written !== undefined) return written;
  // The headings are known before anything is printed, so the choice costs no second layout.
  return flattenToc(buildToc(manuscript, 3)).length <= printedEntriesWithH3 ? 3 : 2;
}

/** Every entry in reading order, depth first, with its nesting level. */
export function flattenToc(entries: TocEntry[], level = 0): { entry: TocEntry; level: number }[] {
  return entries.flatMap((entry) => [{ entry, level }, ...flattenToc(entry.children, level + 1)]);
}
