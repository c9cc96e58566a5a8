/**
 * Finds the book's chapter files and their reading order: the metadata's chapter list, else
 * SUMMARY.md (mdBook or GitBook form), else every Markdown file in natural file-name order.
 * Author mistakes become problems, never exceptions, so one build can report all of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Heading, Link, List, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';
import { visit } from '../markdown/visit.js';
import type { ListedChapter } from '../config/load.js';
import { problem, type Diagnostic, type Severity } from '../diagnostics.js';
import { decodePercent, isInside, schemeOf } from '../paths.js';

/** One chapter file in reading order. */
export interface Source {
  /** Absolute path of the Markdown file. */
  file: string;
  /** Title given by SUMMARY.md for this entry (the link text), if any. */
  title?: string;
  /** Nesting depth in SUMMARY.md: 0 for top-level entries. */
  depth: number;
  /** Title of the SUMMARY.md part (a `# Part` heading or `---`-separated section title) this entry is the first of, if any. */
  partTitle?: string;
  /** A prefix or suffix chapter of SUMMARY.md (a link outside its lists): it belongs to no part. */
  outsideParts?: true;
}

/** Which rule decided the reading order. */
export type SourceOrder = 'metadata' | 'summary' | 'file-name';

/** Where a chapter path was written, for problems. */
interface Place {
  file: string;
  line?: number;
  column?: number;
}

const summaryName = 'SUMMARY.md';
const markdownExtension = /\.(md|markdown)$/i;
/** Texts of the document title that both mdBook and GitBook put above the entries. */
const summaryTitle = /^(summary|table of contents|contents|목차|차례)$/i;

/**
 * Lists the book's chapter files in reading order, with the problems found on the way.
 * `single`: the book is one file of a folder (its other Markdown files are none of its business).
 */
export function listSources(
  manuscriptDir: string,
  chapters: ListedChapter[] | undefined,
  metadataFile = path.join(manuscriptDir, 'book.yaml'),
  single = false,
): { sources: Source[]; problems: Diagnostic[]; order: SourceOrder; unlisted: string[] } {
  const collector = new Collector(path.resolve(manuscriptDir));
  const order = collect(collector, chapters, metadataFile);
  if (collector.sources.length === 0) {
    collector.report('error', `No chapters were found: ${emptyHints[order]}`, { file: collector.dir });
  }
  if (order !== 'file-name' && !single) reportUnlisted(collector, order);
  return { sources: collector.sources, problems: collector.problems, order, unlisted: collector.unlisted };
}

/** Warns about Markdown files the chapter list leaves out, and about a SUMMARY.md that book.yaml overrides. */
function reportUnlisted(collector: Collector, order: SourceOrder): void {
  // A README.md beside the chapters usually describes the repository, not the book.
  const unlisted = findMarkdown(collector.dir, []).filter((segments) => segments.join('/') !== 'README.md' && !collector.has(path.join(collector.dir, ...segments)));
  collector.unlisted = unlisted.map((segments) => path.join(collector.dir, ...segments));
  const warning = unlistedWarning(collector.unlisted, order, collector.dir);
  if (warning) collector.problems.push(warning);
  const summary = path.join(collector.dir, summaryName);
  if (order === 'metadata' && fs.existsSync(summary)) collector.report('warning', `book.yaml lists the chapters, so ${summaryName} is not used`, { file: summary });
}

/**
 * The warning about Markdown files of the chapters' folder that are not in the book (`unlisted`,
 * absolute paths), if any. The manuscript stage words it again without the files that chapters
 * include (`{{#include}}`), which are part of the book after all.
 */
export function unlistedWarning(unlisted: string[], order: SourceOrder, dir: string): Diagnostic | undefined {
  if (unlisted.length === 0) return undefined;
  const list = order === 'metadata' ? 'the chapters list of book.yaml' : summaryName;
  const names = unlisted.map((file) => path.relative(dir, file).split(path.sep).join('/'));
  return problem('warning', `${names.length} Markdown file(s) not in ${list}, so not in the book: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}`, {
    file: dir,
    ruleId: 'unlisted-chapters',
  });
}

/** What the author can do when a rule yields no chapter. */
const emptyHints: Record<SourceOrder, string> = {
  metadata: 'none of the chapters listed in book.yaml can be used',
  summary: `${summaryName} lists no usable chapter file`,
  'file-name': 'add .md files to the manuscript folder',
};

/** Applies the first order rule that the book provides and says which one it was. */
function collect(collector: Collector, chapters: ListedChapter[] | undefined, metadataFile: string): SourceOrder {
  if (chapters) {
    addMetadataChapters(collector, chapters, metadataFile);
    return 'metadata';
  }
  const summaryFile = path.join(collector.dir, summaryName);
  if (fs.existsSync(summaryFile)) {
    addSummaryChapters(collector, summaryFile);
    return 'summary';
  }
  addFilesByName(collector);
  return 'file-name';
}

/** Collects sources and problems, keeping each file once and only files inside the book folder. */
class Collector {
  readonly sources: Source[] = [];
  /** Mistakes in the chapter list, placed in the file (an absolute path) that contains them. */
  readonly problems: Diagnostic[] = [];
  /** Markdown files of the folder that the chapter list leaves out (absolute paths). */
  unlisted: string[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly dir: string) {}

  /** Whether a file is already in the book. */
  has(file: string): boolean {
    return this.seen.has(file);
  }

  /** Checks a listed chapter path and keeps it when usable; returns whether it was kept. */
  add(written: string, at: Place, entry: Omit<Source, 'file'>): boolean {
    const file = this.resolve(written, at);
    if (!file) return false;
    if (!markdownExtension.test(file)) {
      this.report('warning', `"${written}" is not a Markdown file (.md or .markdown); skipped`, at);
    } else if (!isFile(file)) {
      this.report('error', `"${written}" does not exist`, at);
    } else if (this.seen.has(file)) {
      this.report('warning', `"${written}" is listed twice; only its first entry is kept`, at);
    } else {
      this.seen.add(file);
      this.sources.push({ file, ...entry });
      return true;
    }
    return false;
  }

  /** Records a problem at a place. */
  report(severity: Severity, message: string, at: Place): void {
    this.problems.push(problem(severity, message, { ...at, ruleId: 'chapter-list' }));
  }

  /** The absolute path of a listed file, or undefined (with an error) when it leaves the book folder. */
  private resolve(written: string, at: Place): string | undefined {
    const file = path.resolve(this.dir, written);
    // A chapter outside the manuscript (a symbolic link to one too) would make the book depend on (or leak) unrelated files.
    const escapes = path.isAbsolute(written) || !isInside(this.dir, file);
    if (!escapes) return file;
    this.report('error', `"${written}" leaves the book folder`, at);
    return undefined;
  }
}

/** Whether a path names an existing regular file (a folder named `x.md` is not a chapter). */
function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    // Not only ENOENT: `a.md/b.md` under a file gives ENOTDIR, which is just as missing.
    return false;
  }
}

/** Adds the chapters the metadata lists, in its order; problems point at their lines in book.yaml. */
function addMetadataChapters(collector: Collector, chapters: ListedChapter[], metadataFile: string): void {
  for (const { path: written, ...place } of chapters) collector.add(written, { file: metadataFile, ...place }, { depth: 0 });
}

/** Adds the entries of SUMMARY.md in order. */
function addSummaryChapters(collector: Collector, summaryFile: string): void {
  let text: string;
  try {
    text = fs.readFileSync(summaryFile, 'utf8');
  } catch (error) {
    collector.report('error', `${summaryName} could not be read: ${(error as Error).message}`, { file: summaryFile });
    return;
  }
  new SummaryReader(collector, summaryFile).read(unified().use(remarkParse).parse(text));
}

/**
 * Walks the Markdown tree of SUMMARY.md. Paragraph links are prefix and suffix chapters, list
 * links are numbered chapters nested by list depth, headings are part titles, `---` is ignored.
 */
class SummaryReader {
  /** A part title waiting for the chapter it opens, and where it was written. */
  private part: { title: string; node: Node } | undefined;

  constructor(
    private readonly collector: Collector,
    private readonly summaryFile: string,
  ) {}

  /** Reads every top-level block of the document. */
  read(root: Root): void {
    root.children.forEach((node, index) => this.block(node, index === 0));
    this.closeEmptyPart();
  }

  /** Warns about a part title that no chapter followed. */
  private closeEmptyPart(): void {
    if (this.part) this.warn(`the part "${this.part.title}" has no chapter under it; left out`, this.part.node);
    this.part = undefined;
  }

  /** Handles one top-level block; `first` tells whether it can be the document title. */
  private block(node: RootContent, first: boolean): void {
    if (node.type === 'list') this.list(node, 0);
    else if (node.type === 'paragraph') this.entries(node, 0, false);
    else if (node.type === 'heading') this.heading(node, first);
  }

  /** Takes a heading as a part title, unless it is the `# Summary` title or really a chapter link. */
  private heading(node: Heading, first: boolean): void {
    // `[Intro](intro.md)` directly above `---` parses as a setext heading; it is still a chapter.
    if (links(node).length > 0) return this.entries(node, 0, false);
    const text = toString(node).trim();
    if (first && summaryTitle.test(text)) return;
    // A heading followed by another heading opens nothing; the later one names the next part.
    this.closeEmptyPart();
    if (text) this.part = { title: text, node };
  }

  /** Reads a list's items at `depth`, their sublists one level deeper. */
  private list(node: List, depth: number): void {
    for (const item of node.children) {
      for (const child of item.children) {
        if (child.type === 'list') this.list(child, depth + 1);
        else if (child.type === 'paragraph' || child.type === 'heading') this.entries(child, depth, true);
      }
    }
  }

  /** Adds the links of a paragraph or heading as chapters at `depth`; `inList` is false for prefix and suffix chapters. */
  private entries(node: Paragraph | Heading, depth: number, inList: boolean): void {
    const found = links(node);
    if (found.length === 0) {
      this.warn(`"${toString(node).trim()}" has no link to a chapter file; skipped`, node);
    }
    for (const link of found) this.entry(link, depth, inList);
  }

  /** Adds one linked chapter; the pending part title goes to the first chapter actually kept. */
  private entry(link: Link, depth: number, inList: boolean): void {
    const { url } = link;
    const title = toString(link).trim();
    const file = fileOf(url);
    if (schemeOf(url)) {
      this.warn(`"${url}" is a web address, not a chapter file; skipped`, link);
    } else if (file === '') {
      // mdBook's draft chapters (`[Title]()`) are planned but not written yet.
      this.warn(`"${title}" has no file yet (draft chapter); skipped`, link);
    } else {
      const entry: Omit<Source, 'file'> = { depth };
      if (title) entry.title = title;
      // A link outside the lists is a prefix or suffix chapter, unless it opens a part itself.
      if (this.part) entry.partTitle = this.part.title;
      else if (!inList) entry.outsideParts = true;
      if (this.collector.add(file, this.place(link), entry)) this.part = undefined;
    }
  }

  /** Records a warning at a node of SUMMARY.md. */
  private warn(message: string, node: Node): void {
    this.collector.report('warning', message, this.place(node));
  }

  /** The place of a node of SUMMARY.md, for problems. */
  private place(node: Node): Place {
    const start = node.position?.start;
    return start ? { file: this.summaryFile, line: start.line, column: start.column } : { file: this.summaryFile };
  }
}

/** The links inside a block, in document order (they may sit inside emphasis). */
function links(node: Paragraph | Heading): Link[] {
  const found: Link[] = [];
  visit(node, 'link', (link) => {
    found.push(link);
  });
  return found;
}

/** The decoded file part of a link: the fragment and query name a place in the chapter, not a file. */
function fileOf(url: string): string {
  // Authors percent-encode names that Markdown links cannot hold (`my%20notes.md`, `%EC%9E%A5.md`).
  return decodePercent(url.split(/[?#]/, 1)[0] ?? '');
}

/** Adds every Markdown file under the manuscript folder, sorted naturally by path. */
function addFilesByName(collector: Collector): void {
  const files = findMarkdown(collector.dir, []).sort(comparePaths);
  for (const segments of files) collector.add(segments.join('/'), { file: collector.dir }, { depth: 0 });
}

/** Markdown files below `dir/rel`, as path segments relative to `dir`. */
function findMarkdown(dir: string, rel: string[]): string[][] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(dir, ...rel), { withFileTypes: true });
  } catch {
    // A missing or unreadable folder holds no chapters; the caller reports an empty book.
    return [];
  }
  return entries.flatMap((entry) => {
    if (isIgnored(entry.name)) return [];
    if (entry.isDirectory()) return findMarkdown(dir, [...rel, entry.name]);
    return entry.isFile() && markdownExtension.test(entry.name) ? [[...rel, entry.name]] : [];
  });
}

/** Whether a file or folder is not part of the manuscript: hidden, private (`_drafts`), tooling, or a table of contents. */
function isIgnored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_') || name === 'node_modules' || name === summaryName;
}

/** Orders paths segment by segment, so a folder's files sort where the folder's name sorts. */
function comparePaths(a: string[], b: string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareSegments(a[i]!, i === a.length - 1, b[i]!, i === b.length - 1);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Orders two path segments; file names compare without extension so `intro.md` precedes `intro-2.md`. */
function compareSegments(a: string, aIsFile: boolean, b: string, bIsFile: boolean): number {
  if (a === b) return 0;
  const keyA = aIsFile ? a.replace(markdownExtension, '') : a;
  const keyB = bIsFile ? b.replace(markdownExtension, '') : b;
  // On a tie (`ch1.md` and folder `ch1/`) the file comes first, as it usually introduces the folder.
  return naturalCompare(keyA, keyB) || Number(bIsFile) - Number(aIsFile) || naturalCompare(a, b);
}

/**
 * Compares strings with digit runs as numbers (`2` < `10`), ignoring case first. Locale-independent
 * on purpose: the reading order must not change with the machine that builds the book.
 */
function naturalCompare(a: string, b: string): number {
  const chunksA = a.toLowerCase().match(/\d+|\D+/g) ?? [];
  const chunksB = b.toLowerCase().match(/\d+|\D+/g) ?? [];
  const length = Math.min(chunksA.length, chunksB.length);
  for (let i = 0; i < length; i++) {
    const order = compareChunks(chunksA[i]!, chunksB[i]!);
    if (order !== 0) return order;
  }
  return chunksA.length - chunksB.length || compareCodeUnits(a, b);
}

/** Compares two chunks, numerically when both are digit runs (without overflow for long runs). */
function compareChunks(a: string, b: string): number {
  if (!/^\d/.test(a) || !/^\d/.test(b)) return compareCodeUnits(a, b);
  const numberA = a.replace(/^0+/, '');
  const numberB = b.replace(/^0+/, '');
  return numberA.length - numberB.length || compareCodeUnits(numberA, numberB);
}

/** Compares by UTF-16 code units, which sorts Hangul syllables in dictionary order. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
