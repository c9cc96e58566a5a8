/**
 * Reads one Markdown file and turns it into chapter HTML trees: resolve mdBook's include
 * directives, clean the text, parse once, split at H1, convert each piece. Results are cached by
 * content hash (the file's and its included files'), so the dev server re-parses only the file
 * that changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { Cache, type Namespace } from '../cache/cache.js';
import { withMessages } from '../cache/codec.js';
import { hashParts } from '../cache/key.js';
import type { Key } from '../cache/store.js';
import type { Labels } from '../config/labels.js';
import { codePointName, removeInvisibleCharacters } from '../markdown/invisible-characters.js';
import { createHtmlConverter, createMarkdownParser, type BookPlugins } from '../markdown/processor.js';
import { chapterMemo, type ChapterMemo } from './chapter-memo.js';
import { expandDirectives, restorePositions } from './include-directives.js';
import { decodeManuscript, type Decoded } from './decode.js';
import type { PageRole } from './model.js';
import { splitChapters } from './split-chapters.js';

/** A chapter as parsed from its file, before book-wide ids, links and images. */
export interface ParsedChapter {
  tree: HastRoot;
  line: number;
  /** Text of the H1 that opens it, if it has one. */
  heading?: string;
}

/** A file that an include directive read (or tried to: `hash` is `missing` then), with the hash of its bytes. */
export interface IncludedFile {
  file: string;
  hash: string;
}

/** One parsed Markdown file. */
export interface ParsedFile {
  file: string;
  /** A hash of the file's bytes, and of its included files' when it has any. */
  hash: string;
  /** The files its include directives read, nested ones too (absolute paths): a change to one changes this file. */
  includes: IncludedFile[];
  /** Front matter `title`, if given. */
  matterTitle?: string;
  /** Front matter `role`: the file is the book's own title page or copyright page. */
  matterRole?: PageRole;
  /** mdBook's `{{#title …}}`, if given. */
  directiveTitle?: string;
  chapters: ParsedChapter[];
  /** Warnings and errors found while parsing, replayed on every build that uses the cache. */
  messages: VFileMessage[];
}

/** Parses files, reusing results for files whose content did not change. */
export class ManuscriptParser {
  private readonly parser;
  private readonly converter;
  private readonly parsed: Namespace<ParsedFile> | undefined;
  /** The key each file was last parsed under, so that `forget` finds it once the file is gone. */
  private readonly keys = new Map<string, Key>();
  /** With `keep`: each file's stamp (`stampOf`) when it was last read, with its hash and key. */
  private readonly stamps = new Map<string, { stamp: string; hash: string; key: Key }>();
  /** Whether results are kept in this process for later builds (the dev server). */
  private readonly keep: boolean;
  /** Book-wide results per chapter, reused while their inputs are unchanged (with a cache only). */
  readonly memo: ChapterMemo | undefined;
  /** A hash of what shapes every parse besides the file itself: labels, language, the book's plugins. */
  readonly settings: string;

  /** The book's language, which says how a file that is not UTF-8 was probably saved. */
  readonly language: string;

  /** The book's own plugins, which the parser runs and the outputs take from the manuscript. */
  readonly plugins: BookPlugins;

  /** The book folder, which include directives may not leave (without one: each file's own folder). */
  readonly root: string | undefined;

  /**
   * `keep`: remember results for later builds in memory (the dev server); a one-off build need
   * not. `cache`: remember them there instead (over a disk store, across processes).
   */
  constructor(labels: Labels, options: { keep?: boolean; cache?: Cache; language?: string; plugins?: BookPlugins; root?: string } = {}) {
    this.plugins = options.plugins ?? { remark: [], rehype: [] };
    this.root = options.root;
    this.parser = createMarkdownParser(this.plugins);
    this.converter = createHtmlConverter(labels, this.plugins, options.language ?? 'en');
    this.language = options.language ?? 'en';
    // Where results are kept for later builds; nowhere for a one-off build.
    const cache = options.cache ?? (options.keep ? new Cache() : undefined);
    this.keep = options.keep ?? false;
    this.parsed = cache?.namespace('parsed-file', withMessages<ParsedFile>());
    this.memo = cache && chapterMemo(cache);
    this.settings = hashParts(JSON.stringify(labels), this.language, pluginsSignature(this.plugins));
  }

  /**
   * The parsed chapters of `file`. When the parser keeps results, they are shared with later
   * builds: copy a tree (`copyTree`) before changing it.
   */
  parse(file: string): ParsedFile {
    if (!this.parsed) {
      const data = readFileSync(file);
      return this.parseText(file, decodeManuscript(data, this.language), sha256(data));
    }
    // A kept parser reads again only the files whose stamp changed: reading and hashing every
    // chapter on every save cost the dev server more than the one chapter it parses.
    const stamp = stampOf(file);
    let known = this.stamps.get(file);
    let data: Buffer | undefined;
    if (stamp === undefined || known?.stamp !== stamp) {
      data = readFileSync(file);
      const hash = sha256(data);
      // The path is part of the key: messages name the file.
      known = { stamp: stamp ?? '', hash, key: this.parsed.key(file, hash, this.settings) };
      if (this.keep && stamp) this.stamps.set(file, known);
    }
    const { hash, key } = known;
    this.keys.set(file, key);
    let parsed = this.parsed.get(key);
    // The included files are part of the file: an entry made from other versions of them is stale.
    if (!parsed || parsed.includes.some((i) => contentHash(i.file) !== i.hash)) {
      parsed = this.parseText(file, decodeManuscript(data ?? readFileSync(file), this.language), hash);
      this.parsed.set(key, parsed);
    }
    return parsed;
  }

  /** Forgets a file (deleted or renamed). */
  forget(file: string): void {
    const key = this.keys.get(file);
    if (key) this.parsed?.delete(key);
    this.keys.delete(file);
    this.stamps.delete(file);
  }

  /** Forgets what the build that just ended did not use: parsed files and chapter results. */
  sweep(): void {
    this.parsed?.sweep();
    this.memo?.ids.sweep();
    this.memo?.links.sweep();
  }

  /** Does the actual work for `parse`. */
  private parseText(file: string, decoded: Decoded, hash: string): ParsedFile {
    const includes = new Map<string, string>();
    const read = (included: string): Decoded => {
      includes.set(included, 'missing');
      const data = readFileSync(included);
      includes.set(included, sha256(data));
      return decodeManuscript(data, this.language);
    };
    const expanded = expandDirectives(decoded.text, file, { root: this.root ?? path.dirname(file), read });
    const { text, removed } = removeInvisibleCharacters(expanded.text);
    const vfile = new VFile({ path: file, value: text });
    if (decoded.problem) vfile.messages.push(decoded.problem);
    vfile.messages.push(...expanded.problems);
    for (const r of removed) {
      const origin = expanded.origins?.[r.line - 1];
      const place = origin ? { line: origin.line, column: origin.column ?? r.column } : { line: r.line, column: r.column };
      vfile.message(`removed the invisible character ${codePointName(r.codePoint)}`, { place, ruleId: 'invisible-character' });
    }
    const tree = this.parser.parse(vfile);
    // Messages of every later pass must point at the chapter file, not at the expanded text.
    if (expanded.origins) restorePositions(tree, expanded.origins);
    const mdast = this.parser.runSync(tree, vfile) as MdastRoot;
    const matterTitle = typeof vfile.data.matter?.title === 'string' ? vfile.data.matter.title.trim() : undefined;
    const matterRole = pageRole(vfile);
    const chapters = splitChapters(mdast).map((chunk): ParsedChapter => {
      const first = chunk.tree.children[0];
      const tree = this.converter.runSync(chunk.tree, vfile) as HastRoot;
      const chapter: ParsedChapter = { tree, line: chunk.line };
      if (chunk.hasHeading && first) chapter.heading = toString(first).trim();
      return chapter;
    });
    const included = [...includes].map(([path, hash]) => ({ file: path, hash }));
    const combined = included.length ? hashParts(hash, ...included.flatMap((i) => [i.file, i.hash])) : hash;
    const result: ParsedFile = { file, hash: combined, includes: included, chapters, messages: vfile.messages };
    if (matterTitle) result.matterTitle = matterTitle;
    if (matterRole) result.matterRole = matterRole;
    if (expanded.title) result.directiveTitle = expanded.title;
    return result;
  }
}

/** What front matter `role:` may say, and the page each value names (`copyright-page` is its epub:type). */
const pageRoles: Record<string, PageRole> = { titlepage: 'titlepage', 'title-page': 'titlepage', copyright: 'copyright', 'copyright-page': 'copyright' };

/** The page a file's front matter `role:` names, with a warning at its line when it names none we know. */
function pageRole(vfile: VFile): PageRole | undefined {
  const written = vfile.data.matter?.role;
  if (written === undefined) return undefined;
  const role = typeof written === 'string' ? pageRoles[written.trim().toLowerCase()] : undefined;
  if (!role) {
    const line = vfile.data.matterLines?.role;
    vfile.message(`front matter role: ${JSON.stringify(written)} is not titlepage or copyright; the file is read as a chapter`, { place: line ? { line, column: 1 } : undefined, ruleId: 'front-matter-role' });
  }
  return role;
}

/** The SHA-256 of some bytes, hex. */
function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * What changes whenever a file's bytes may have: size, modification and change times, inode.
 * The change time cannot be set back by any tool (`touch`, `cp -p`), and a file replaced by a
 * rename has another inode. A missing file has none: it is read, and fails there.
 */
function stampOf(file: string): string | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats && `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

/** The SHA-256 of a file's bytes, hex; `missing` when it cannot be read. */
function contentHash(file: string): string {
  try {
    return sha256(readFileSync(file));
  } catch {
    return 'missing';
  }
}

/**
 * The book's plugins as text, for cache keys: each pass's name, outputs, options and the source of
 * its function. What that function imports is not seen: a changed plugin dependency with an
 * unchanged entry function would not change the keys.
 */
function pluginsSignature(plugins: BookPlugins): string {
  return JSON.stringify([plugins.remark, plugins.rehype].map((passes) => passes.map((p) => [p.name, p.scope, p.options, String(p.plugin)])));
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
