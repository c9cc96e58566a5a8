/**
 * The manuscript model: built once per build from the author's files and handed to every output.
 * Outputs read chapters' HTML trees from here; none of them parses Markdown again.
 */
import type { Root } from 'hast';
import type { Stylesheet } from '../assets/stylesheet.js';
import type { BookConfig } from '../config/load.js';
import type { BookPlugins } from '../markdown/processor.js';

/** A heading of a chapter, for tables of contents and bookmarks. */
export interface Heading {
  depth: number;
  /** Plain text of the heading. */
  text: string;
  /** Id of the heading element, unique across the book. */
  id: string;
}

/** A page of front matter the author wrote, which takes the place of the generated one. */
export type PageRole = 'titlepage' | 'copyright';

/** One chapter: the text from one H1 to the next (or a whole file without H1). */
export interface Chapter {
  /** Position in reading order, from 0. */
  index: number;
  /** Stable id (`ch01`), also the base of output file names. */
  id: string;
  /** The chapter's Markdown file, relative to the book root. */
  source: string;
  /** Line of the source file where the chapter starts. */
  line: number;
  title: string;
  /** Nesting depth given by SUMMARY.md (0 for top-level chapters). */
  depth: number;
  /** Title of the part this chapter opens, when SUMMARY.md groups chapters into parts. */
  partTitle?: string;
  /** A prefix or suffix chapter of SUMMARY.md: it belongs to no part. */
  outsideParts?: true;
  /** The author's own title page or copyright page (front matter `role:`), not a chapter of the text. */
  role?: PageRole;
  /** Headings down to h3, the chapter's own H1 first when it has one. */
  headings: Heading[];
  /** The chapter's content as an HTML tree, ids and links resolved for the whole book. */
  tree: Root;
  /**
   * A content address of `tree`, when the manuscript was loaded with a cache and the tree is kept
   * in it: the same key, the same tree, so outputs may cache what they make of it under this key.
   */
  treeKey?: string;
}

/** An image (or other file) that the book embeds. */
export interface Asset {
  /** Path inside the publication, e.g. `images/3f2a9c1b.png`; content-addressed so builds are stable. */
  href: string;
  mediaType: string;
  data: Buffer;
  /** Where it came from (a path relative to the root, or a URL), for reports. */
  origin: string;
  width?: number;
  height?: number;
}

/** The whole book, ready for the outputs. */
export interface Manuscript {
  config: BookConfig;
  chapters: Chapter[];
  /** Embedded files keyed by `href`. */
  assets: Map<string, Asset>;
  /** The cover image, when the metadata names one. */
  cover?: Asset;
  /** The stylesheets of both outputs, with the fonts and images they point at. */
  styles: { epub: Stylesheet; print: Stylesheet };
  /** The book's own unified plugins, loaded once; outputs run those of their scope. */
  plugins: BookPlugins;
  /**
   * Every file that mdBook include directives read or looked for (absolute paths, possibly outside
   * the layout's watched folders): a change to one changes the chapters that include it. Absent
   * when the book includes nothing.
   */
  includes?: string[];
}
