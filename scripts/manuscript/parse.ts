/**
 * Reads one Markdown file and turns it into chapter HTML trees: clean the text, parse once, split
 * at H1, convert each piece. Results are cached by content hash, so the dev server re-parses only
 * the file that changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Labels } from '../config/labels.js';
import { codePointName, removeInvisibleCharacters } from '../markdown/invisible-characters.js';
import { createHtmlConverter, createMarkdownParser } from '../markdown/processor.js';
import { ChapterMemo } from './chapter-memo.js';
import { decodeManuscript, type Decoded } from './decode.js';
import { splitChapters } from './split-chapters.js';

/** A chapter as parsed from its file, before book-wide ids, links and images. */
export interface ParsedChapter {
  tree: HastRoot;
  line: number;
  /** Text of the H1 that opens it, if it has one. */
  heading?: string;
}

/** One parsed Markdown file. */
export interface ParsedFile {
  file: string;
  hash: string;
  /** Front matter `title`, if given. */
  matterTitle?: string;
  chapters: ParsedChapter[];
  /** Warnings and errors found while parsing, replayed on every build that uses the cache. */
  messages: VFileMessage[];
}

/** Parses files, reusing results for files whose content did not change. */
export class ManuscriptParser {
  private readonly parser = createMarkdownParser();
  private readonly converter;
  private readonly cache = new Map<string, ParsedFile>();
  readonly keep: boolean;
  /** Book-wide results per chapter, reused while their inputs are unchanged (kept parsers only). */
  readonly memo = new ChapterMemo();

  /** The book's language, which says how a file that is not UTF-8 was probably saved. */
  readonly language: string;

  /** `keep`: remember parsed files for later builds (the dev server); a one-off build need not. */
  constructor(labels: Labels, options: { keep?: boolean; language?: string } = {}) {
    this.converter = createHtmlConverter(labels);
    this.keep = options.keep ?? false;
    this.language = options.language ?? 'en';
  }

  /**
   * The parsed chapters of `file`. When the parser keeps results, they are shared with later
   * builds: copy a tree (`copyTree`) before changing it.
   */
  parse(file: string): ParsedFile {
    const data = readFileSync(file);
    const hash = createHash('sha256').update(data).digest('hex');
    const cached = this.cache.get(file);
    if (cached && cached.hash === hash) return cached;
    const parsed = this.parseText(file, decodeManuscript(data, this.language), hash);
    if (this.keep) this.cache.set(file, parsed);
    return parsed;
  }

  /** Forgets a file (deleted or renamed). */
  forget(file: string): void {
    this.cache.delete(file);
  }

  /** Does the actual work for `parse`. */
  private parseText(file: string, decoded: Decoded, hash: string): ParsedFile {
    const { text, removed } = removeInvisibleCharacters(decoded.text);
    const vfile = new VFile({ path: file, value: text });
    if (decoded.problem) {
      const { message, line, column, fatal } = decoded.problem;
      vfile.message(message, { place: { line, column }, ruleId: 'encoding' }).fatal = fatal;
    }
    for (const r of removed) {
      vfile.message(`removed the invisible character ${codePointName(r.codePoint)}`, { place: { line: r.line, column: r.column }, ruleId: 'invisible-character' });
    }
    const mdast = this.parser.runSync(this.parser.parse(vfile), vfile) as MdastRoot;
    const matterTitle = typeof vfile.data.matter?.title === 'string' ? vfile.data.matter.title.trim() : undefined;
    const chapters = splitChapters(mdast).map((chunk): ParsedChapter => {
      const first = chunk.tree.children[0];
      const tree = this.converter.runSync(chunk.tree, vfile) as HastRoot;
      const chapter: ParsedChapter = { tree, line: chunk.line };
      if (chunk.hasHeading && first) chapter.heading = toString(first).trim();
      return chapter;
    });
    const result: ParsedFile = { file, hash, chapters, messages: vfile.messages };
    if (matterTitle) result.matterTitle = matterTitle;
    return result;
  }
}

/**
 * A deep copy of a syntax tree, several times faster than structuredClone on big chapters (the
 * dev server copies every chapter on every rebuild). Positions are shared: no pass changes them.
 */
export function copyTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyTree) as T;
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  // Anything but a plain object (a Map in `data`, say) gets the general algorithm.
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = key === 'position' ? field : copyTree(field);
  return copy as T;
}

/** File name without extension and ordering prefix (`01-intro.md` -> `intro`), a last-resort title. */
export function titleFromFileName(file: string): string {
  return path.basename(file, path.extname(file)).replace(/^(\d{4}-\d{2}-\d{2}-|\d+[-_. ]*)/, '').replace(/[-_]+/g, ' ').trim() || path.basename(file);
}
